/* SPDX-License-Identifier: MIT */
#include "strmath.h"

int sm_calls = 0;

/* Not exported from the shared library when built with -fvisibility=hidden: a static helper. */
static int is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

size_t sm_strlen(const char *s)
{
    size_t n = 0;
    ++sm_calls;
    while (s[n] != '\0')
        ++n;
    return n;
}

char *sm_reverse(char *s)
{
    size_t n = sm_strlen(s);
    for (size_t i = 0; i < n / 2; ++i) {
        char t = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = t;
    }
    return s;
}

int sm_count_char(const char *s, char c)
{
    int count = 0;
    ++sm_calls;
    for (; *s; ++s)
        count += *s == c;
    return count;
}

char *sm_upper(char *s)
{
    ++sm_calls;
    for (char *p = s; *p; ++p)
        if (is_lower(*p))
            *p = (char)(*p - 'a' + 'A');
    return s;
}
