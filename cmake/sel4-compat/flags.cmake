# SPDX-License-Identifier: BSD-2-Clause
# KERNEL_FLAGS_PATH: the architecture flags user code is compiled with
# (seL4_tools' add_default_compilation_options includes this file).
add_compile_options(-march=armv8-a)
