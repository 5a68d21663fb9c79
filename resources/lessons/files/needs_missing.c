/* SPDX-License-Identifier: MIT */
/* A library with an unresolved symbol: not_there is defined nowhere. gcc -shared accepts that (a shared library
 * may be completed by others at load time); RTLD_LAZY opens it, RTLD_NOW refuses it. */
int not_there(int);

int works(int x)
{
    return x + 1;
}

int breaks(int x)
{
    return not_there(x);
}
