/* SPDX-License-Identifier: MIT */
/* Uses only the string functions of strmath: linked statically, only strmath_string.o is copied in. */
#include <stdio.h>

#include "strmath.h"

int main(void)
{
    printf("sm_strlen(\"archive\") = %zu\n", sm_strlen("archive"));
    return 0;
}
