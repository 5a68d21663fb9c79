/* SPDX-License-Identifier: MIT */
/* strmath: a small string and math library, LinkLab's bundled example. */
#ifndef STRMATH_H
#define STRMATH_H

#include <stddef.h>

/* Strings */
size_t sm_strlen(const char *s);
char *sm_reverse(char *s); /* reverses s in place and returns it */
int sm_count_char(const char *s, char c);
char *sm_upper(char *s); /* upper-cases ASCII letters in place */

/* Math */
int sm_add(int a, int b);
long sm_factorial(int n); /* -1 for n < 0 */
int sm_gcd(int a, int b);
double sm_hypot(double a, double b);
int sm_is_prime(unsigned n);

/* How many library calls have been made: a global variable the library exports. */
extern int sm_calls;

#endif
