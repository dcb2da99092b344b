# SPDX-License-Identifier: BSD-2-Clause
# Cairn's kernel image boots from QEMU, U-Boot and the Pi firmware by itself
# (docs/boot.md), so there is no ELF loader to build: the project's call
# to elfloader_import_project() does nothing, and DeclareRootserver() (this
# directory's rootserver.cmake) builds the Cairn image.
set(elfloader-tool_FOUND ON)
macro(elfloader_import_project)
endmacro()
