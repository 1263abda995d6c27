package org.larmor.mrsi;

import java.nio.charset.StandardCharsets;

/** One random stream per model term (style.md): seed = mix64(seed XOR mix64(FNV-1a-64(name))). */
final class Streams {
    private Streams() {
    }

    static long seed(long datasetSeed, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix64(datasetSeed ^ mix64(h));
    }

    /** SplitMix64's finaliser (Steele GL, Lea D, Flood CH, OOPSLA 2014). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
