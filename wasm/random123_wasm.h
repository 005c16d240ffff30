// Force-included (-include wasm/random123_wasm.h) into every file of the WebAssembly build.
//
// Random123 picks its platform settings in features/gccfeatures.h, which clang's settings
// (clangfeatures.h) include, and that file stops the build with #error on any architecture it has
// not been tested on; wasm32 is one. The library itself is plain portable C++ once the settings
// are known: Philox only needs 32- and 64-bit multiplications with their high halves, which its
// portable C99 code path does. So instead of copying or editing the library, this header defines
// the include guard of gccfeatures.h (so its #error is never reached) and every setting that file
// would have defined, chosen for a target without SSE, AES-NI, inline assembly or x86 intrinsics.
// clangfeatures.h still sets the C++11 language settings itself. The native build never sees this
// file; tests/wasm (the agreement test) checks that the streams match the native ones.
#pragma once

#if defined(__EMSCRIPTEN__) || defined(__wasm32__)
#define __gccfeatures_dot_hpp
#define R123_GNUC_VERSION (__GNUC__ * 10000 + __GNUC_MINOR__ * 100 + __GNUC_PATCHLEVEL__)
#define R123_STATIC_INLINE static __inline__
#define R123_FORCE_INLINE(decl) decl __attribute__((always_inline))
#define R123_CUDA_DEVICE
#define R123_ASSERT(x) assert(x)
#define R123_BUILTIN_EXPECT(expr, likely) __builtin_expect(expr, likely)
#define R123_USE_AES_NI 0
#define R123_USE_SSE4_2 0
#define R123_USE_SSE4_1 0
#define R123_USE_SSE 0
#define R123_USE_AES_OPENSSL 0
#define R123_USE_GNU_UINT128 0  // the portable C99 mulhilo64, no 128-bit integers needed
#define R123_USE_ASM_GNU 0
#define R123_USE_CPUID_MSVC 0
#define R123_USE_X86INTRIN_H 0
#define R123_USE_IA32INTRIN_H 0
#define R123_USE_XMMINTRIN_H 0
#define R123_USE_EMMINTRIN_H 0
#define R123_USE_SMMINTRIN_H 0
#define R123_USE_WMMINTRIN_H 0
#define R123_USE_INTRIN_H 0
#define R123_USE_MULHILO32_ASM 0
#define R123_USE_MULHILO64_ASM 0
#define R123_USE_MULHILO64_MSVC_INTRIN 0
#define R123_USE_MULHILO64_CUDA_INTRIN 0
#define R123_USE_MULHILO64_OPENCL_INTRIN 0
#define R123_USE_MULHILO64_MULHI_INTRIN 0
#define R123_USE_MULHILO32_MULHI_INTRIN 0
#ifndef __STDC_CONSTANT_MACROS
#define __STDC_CONSTANT_MACROS
#endif
#ifdef __cplusplus
#include <cassert>
#include <cstdint>
#else
#include <assert.h>
#include <stdint.h>
#endif
#endif
