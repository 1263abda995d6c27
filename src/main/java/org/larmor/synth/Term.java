package org.larmor.synth;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One part of the signal model (metabolites, lineshape, macromolecules, noise, …): it is made from its scenario
 * block, declares its truth columns when it is made ({@link Truth.Builder}), and draws one spectrum's parameters
 * into those columns from a random stream of its own, derived from (seed, index, name) by {@link #stream}. Adding
 * or removing a term therefore changes no other term's draws.
 */
interface Term {
    /** The term's name: its random stream and its place in docs/synthesiser.md. */
    String name();

    /** Draws this spectrum's parameters into the term's columns of {@code row}. */
    void draw(SplittableRandom rng, double[] row);

    /** The seed of a term's stream in spectrum {@code spectrumSeed}: SplitMix64 of it XOR the term's {@link #key}. */
    static long stream(long spectrumSeed, long key) {
        return Synthesiser.mix64(spectrumSeed ^ key);
    }

    /** A term's stream key, computed once per term: SplitMix64 of the name's FNV-1a hash. */
    static long key(String name) {
        return Synthesiser.mix64(fnv1a(name));
    }

    /** FNV-1a 64-bit hash of the UTF-8 bytes (Fowler, Noll, Vo; IETF draft-eastlake-fnv). */
    static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
