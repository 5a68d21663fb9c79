/* SPDX-License-Identifier: MIT */
/* The second library: it uses base_value without naming libbase.so as NEEDED. dlopen finds base_value only when
 * libbase.so was opened with RTLD_GLOBAL (its symbols made available to libraries opened later). */
extern int base_value;

int uses_base(void)
{
    return base_value + 1;
}
