/* SPDX-License-Identifier: MIT */
#include "strmath.h"

#include <math.h>

int sm_add(int a, int b)
{
    ++sm_calls;
    return a + b;
}

long sm_factorial(int n)
{
    ++sm_calls;
    if (n < 0)
        return -1;
    long r = 1;
    for (int i = 2; i <= n; ++i)
        r *= i;
    return r;
}

int sm_gcd(int a, int b)
{
    ++sm_calls;
    while (b != 0) {
        int t = a % b;
        a = b;
        b = t;
    }
    return a < 0 ? -a : a;
}

double sm_hypot(double a, double b)
{
    ++sm_calls;
    return sqrt(a * a + b * b); /* needs libm: link with -lm */
}

int sm_is_prime(unsigned n)
{
    ++sm_calls;
    if (n < 2)
        return 0;
    for (unsigned d = 2; d * d <= n; ++d)
        if (n % d == 0)
            return 0;
    return 1;
}
