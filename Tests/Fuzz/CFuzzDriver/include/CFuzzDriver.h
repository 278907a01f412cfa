#ifndef ATRIUM_CFUZZDRIVER_H
#define ATRIUM_CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

// libFuzzer's entry for programs that have a main of their own (LLVM 11 and later): SwiftPM
// links every executable's main to the module's entry point, so libFuzzer's main cannot be.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
