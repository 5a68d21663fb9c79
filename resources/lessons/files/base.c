/* SPDX-License-Identifier: MIT */
/* The first of two libraries: it defines base_value, which libuses.so needs but does not link against. */
int base_value = 41;
