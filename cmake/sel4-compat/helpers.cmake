# SPDX-License-Identifier: BSD-2-Clause
#
# The configuration helpers that seL4 projects call from their CMakeLists
# (util_libs, seL4_libs, sel4test, ...), written for Cairn. Each option
# becomes a cache variable and a line of the calling directory's
# `configure_string`; add_config_library() turns that string into
# <prefix>/gen_config.h behind an INTERFACE target <prefix>_Config.
#
#   config_option(<var> <CONFIG_NAME> <doc> DEFAULT <ON|OFF>
#                 [DEPENDS <condition>] [DEFAULT_DISABLED <value>])
#       a boolean: CONFIG_<NAME> is 1 when on, undefined when off.
#   config_string(<var> <CONFIG_NAME> <doc> DEFAULT <value>
#                 [DEPENDS <condition>] [DEFAULT_DISABLED <value>]
#                 [UNQUOTE] [UNDEF_DISABLED])
#       a value: CONFIG_<NAME> is the value, quoted unless UNQUOTE.
#   config_choice(<var> <CONFIG_NAME> <doc> "<value>;<var>;<CONFIG>;<condition>"...)
#       one of several: the first choice whose condition holds is the
#       default; the chosen one's <CONFIG> is 1 and CONFIG_<NAME> its value.
#   config_set(<var> <CONFIG_NAME> <value>)
#       a value fixed by the build, not offered to the user.
#   add_config_library(<prefix> "${configure_string}")
#   RequireFile(<var> <file> PATHS <dir>...)
#
# A DEPENDS condition is a list evaluated as an if() condition; when it does
# not hold the option is hidden and takes DEFAULT_DISABLED (OFF, or empty).

include_guard(GLOBAL)
# seL4_tools' compiler checks use these without including them.
include(CheckCCompilerFlag)
include(CheckCSourceCompiles)

function(cairn_config_condition out)
    # Each element of the list is one condition (it may hold spaces:
    # "KernelArchARM OR KernelArchRiscV"); all must hold.
    foreach(condition IN LISTS ARGN)
        separate_arguments(tokens UNIX_COMMAND "${condition}")
        if(NOT (${tokens}))
            set(${out} OFF PARENT_SCOPE)
            return()
        endif()
    endforeach()
    set(${out} ON PARENT_SCOPE)
endfunction()

# The option's value: one already given (a -D, the cache, or a variable the
# calling CMakeLists set just before) wins over the default; an option
# hidden while its condition failed starts again from the default.
macro(cairn_config_value var default type doc)
    get_property(cairn_cached_type CACHE ${var} PROPERTY TYPE)
    if(cairn_cached_type STREQUAL "INTERNAL")
        unset(${var} CACHE)
        unset(${var})
    endif()
    if(DEFINED ${var})
        set(${var} "${${var}}" CACHE ${type} "${doc}" FORCE)
    else()
        set(${var} "${default}" CACHE ${type} "${doc}")
    endif()
endmacro()

# Appends one line to the caller's caller's configure_string.
macro(cairn_config_append line)
    string(APPEND configure_string "${line}\n")
    set(configure_string "${configure_string}" PARENT_SCOPE)
endmacro()

function(config_option var config_name doc)
    cmake_parse_arguments(ARG "" "DEFAULT;DEFAULT_DISABLED" "DEPENDS" ${ARGN})
    if(NOT DEFINED ARG_DEFAULT)
        message(FATAL_ERROR "config_option(${var}): DEFAULT is required")
    endif()
    if(NOT DEFINED ARG_DEFAULT_DISABLED)
        set(ARG_DEFAULT_DISABLED OFF)
    endif()
    cairn_config_condition(valid ${ARG_DEPENDS})
    if(valid)
        cairn_config_value(${var} "${ARG_DEFAULT}" BOOL "${doc}")
    else()
        set(${var} "${ARG_DEFAULT_DISABLED}" CACHE INTERNAL "${doc}" FORCE)
    endif()
    if(${var})
        cairn_config_append("#define CONFIG_${config_name} 1")
    else()
        cairn_config_append("/* disabled: CONFIG_${config_name} */")
    endif()
endfunction()

function(config_string var config_name doc)
    cmake_parse_arguments(ARG "UNQUOTE;UNDEF_DISABLED" "DEFAULT;DEFAULT_DISABLED" "DEPENDS" ${ARGN})
    if(NOT DEFINED ARG_DEFAULT)
        message(FATAL_ERROR "config_string(${var}): DEFAULT is required")
    endif()
    cairn_config_condition(valid ${ARG_DEPENDS})
    if(valid)
        cairn_config_value(${var} "${ARG_DEFAULT}" STRING "${doc}")
    else()
        set(${var} "${ARG_DEFAULT_DISABLED}" CACHE INTERNAL "${doc}" FORCE)
    endif()
    if(NOT valid AND ARG_UNDEF_DISABLED)
        cairn_config_append("/* disabled: CONFIG_${config_name} */")
    elseif(ARG_UNQUOTE)
        cairn_config_append("#define CONFIG_${config_name} ${${var}}")
    else()
        cairn_config_append("#define CONFIG_${config_name} \"${${var}}\"")
    endif()
endfunction()

function(config_choice var config_name doc)
    # Each choice is one argument holding a list; ARGN would flatten them.
    set(choices "")
    math(EXPR last "${ARGC} - 1")
    foreach(i RANGE 3 ${last})
        string(REPLACE ";" "|" choice "${ARGV${i}}")
        list(APPEND choices "${choice}")
    endforeach()
    set(values "")
    set(chosen "")
    set(first_valid "")
    # Pass one: which choices are possible, and which is selected.
    foreach(packed IN LISTS choices)
        string(REPLACE "|" ";" choice "${packed}")
        list(GET choice 0 value)
        list(GET choice 1 choice_var)
        list(LENGTH choice length)
        set(condition "")
        if(length GREATER 3)
            list(SUBLIST choice 3 -1 condition)
        endif()
        cairn_config_condition(valid ${condition})
        if(valid)
            list(APPEND values "${value}")
            if(first_valid STREQUAL "")
                set(first_valid "${value}")
            endif()
        endif()
    endforeach()
    if(values STREQUAL "")
        # Nothing applies on this platform: the option does not exist.
        set(${var} "" CACHE INTERNAL "${doc}" FORCE)
        foreach(packed IN LISTS choices)
        string(REPLACE "|" ";" choice "${packed}")
            list(GET choice 1 choice_var)
            set(${choice_var} OFF CACHE INTERNAL "" FORCE)
        endforeach()
        return()
    endif()
    set(${var} "${first_valid}" CACHE STRING "${doc}")
    set_property(CACHE ${var} PROPERTY STRINGS ${values})
    if(NOT "${${var}}" IN_LIST values)
        message(FATAL_ERROR "${var}=${${var}} is not one of: ${values}")
    endif()
    set(${var}_all_strings "${values}" CACHE INTERNAL "")
    # Pass two: one variable and one define per choice.
    foreach(packed IN LISTS choices)
        string(REPLACE "|" ";" choice "${packed}")
        list(GET choice 0 value)
        list(GET choice 1 choice_var)
        list(GET choice 2 choice_config)
        if(value STREQUAL "${${var}}")
            set(${choice_var} ON CACHE INTERNAL "" FORCE)
            cairn_config_append("#define CONFIG_${choice_config} 1")
        else()
            set(${choice_var} OFF CACHE INTERNAL "" FORCE)
            cairn_config_append("/* disabled: CONFIG_${choice_config} */")
        endif()
    endforeach()
    cairn_config_append("#define CONFIG_${config_name} ${${var}}")
endfunction()

function(config_set var config_name value)
    set(${var} "${value}" CACHE INTERNAL "" FORCE)
    if("${value}" STREQUAL "ON")
        cairn_config_append("#define CONFIG_${config_name} 1")
    elseif("${value}" STREQUAL "OFF")
        cairn_config_append("/* disabled: CONFIG_${config_name} */")
    else()
        cairn_config_append("#define CONFIG_${config_name} ${value}")
    endif()
endfunction()

function(add_config_library prefix configure_template)
    set(dir "${CMAKE_BINARY_DIR}/gen_config/${prefix}")
    set(header "${dir}/gen_config/${prefix}/gen_config.h")
    string(MAKE_C_IDENTIFIER "${prefix}" guard)
    string(TOUPPER "${guard}" guard)
    set(content "/* Generated by Cairn's build for the ${prefix} library's options. */\n")
    string(APPEND content "#pragma once\n\n${configure_template}")
    # Only a changed header makes its users recompile.
    file(CONFIGURE OUTPUT "${header}" CONTENT "${content}" @ONLY)
    add_library(${prefix}_Config INTERFACE)
    target_include_directories(${prefix}_Config INTERFACE "${dir}/gen_config")
endfunction()

function(RequireFile var file)
    cmake_parse_arguments(ARG "" "" "PATHS" ${ARGN})
    find_file(${var} "${file}" PATHS ${ARG_PATHS} CMAKE_FIND_ROOT_PATH_BOTH NO_DEFAULT_PATH)
    if("${${var}}" STREQUAL "${var}-NOTFOUND")
        message(FATAL_ERROR "Could not find ${file} in ${ARG_PATHS}")
    endif()
    mark_as_advanced(${var})
endfunction()
