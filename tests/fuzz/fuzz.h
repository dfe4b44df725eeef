/*
 * fuzz.h - the one entry point every fuzz target defines, for libFuzzer and for fuzz_main.c.
 */
#ifndef SLANT_FUZZ_H
#define SLANT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
