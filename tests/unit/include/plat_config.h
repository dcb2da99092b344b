/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Stand-in for the board header platgen generates (cmake/Cairn.cmake). The
 * host unit tests compile generic kernel sources whose includes reach plat.h
 * (errors.c), which only declares the platform seam; no test uses a board
 * constant, so this is deliberately empty.
 */
#pragma once
