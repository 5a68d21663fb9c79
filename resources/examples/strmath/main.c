/* SPDX-License-Identifier: MIT */
/* The test program of the course exercise: link it against libstrmath (static or shared) and run it. */
#include <stdio.h>

#include "strmath.h"

int main(void)
{
    char word[] = "linking";
    printf("sm_strlen(\"%s\") = %zu\n", word, sm_strlen(word));
    printf("sm_reverse -> %s\n", sm_reverse(word));
    printf("sm_add(2, 40) = %d\n", sm_add(2, 40));
    printf("sm_factorial(10) = %ld\n", sm_factorial(10));
    printf("sm_gcd(84, 36) = %d\n", sm_gcd(84, 36));
    printf("sm_hypot(3, 4) = %.1f\n", sm_hypot(3, 4));
    printf("sm_is_prime(97) = %d\n", sm_is_prime(97));
    printf("library calls so far: %d\n", sm_calls);
    return 0;
}
