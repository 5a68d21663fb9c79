/* SPDX-License-Identifier: MIT */
/* Run-time linking, the textbook's dll.c: this program is NOT linked against libstrmath. It opens the library
 * itself with dlopen, finds sm_add with dlsym, calls it through a function pointer and closes the library. */
#include <dlfcn.h>
#include <stdio.h>

int main(void)
{
    void *handle = dlopen("./libstrmath.so", RTLD_LAZY);
    if (!handle) {
        fprintf(stderr, "dlopen failed: %s\n", dlerror());
        return 1;
    }
    int (*add)(int, int) = (int (*)(int, int))dlsym(handle, "sm_add");
    const char *error = dlerror();
    if (error) {
        fprintf(stderr, "dlsym failed: %s\n", error);
        dlclose(handle);
        return 1;
    }
    printf("sm_add(2, 40) = %d, found at run time\n", add(2, 40));
    dlclose(handle);
    return 0;
}
