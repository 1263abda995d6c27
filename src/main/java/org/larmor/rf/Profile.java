package org.larmor.rf;

import java.util.Arrays;

/**
 * A pulse's rotation at each of a list of frequency offsets: the raw material of excitation, inversion and
 * refocusing profiles.
 *
 * @param durationS pulse duration (s)
 * @param b1MaxHz   peak B1 as γB1/2π (Hz)
 * @param offsetsHz frequency offsets (Hz) from the carrier, ascending
 * @param rotations the pulse's rotation at each offset
 */
public record Profile(double durationS, double b1MaxHz, double[] offsetsHz, CayleyKlein[] rotations) {
    public Profile {
        if (offsetsHz.length != rotations.length) {
            throw new IllegalArgumentException("offsets and rotations differ in length");
        }
        offsetsHz = offsetsHz.clone();
        rotations = rotations.clone();
    }

    public int size() {
        return offsetsHz.length;
    }

    @Override
    public double[] offsetsHz() {
        return offsetsHz.clone();
    }

    @Override
    public CayleyKlein[] rotations() {
        return rotations.clone();
    }

    public double offsetHz(int i) {
        return offsetsHz[i];
    }

    public CayleyKlein rotation(int i) {
        return rotations[i];
    }

    /** Magnetisation after the pulse at offset i, starting from equilibrium (Mz = 1). */
    public Magnetisation fromEquilibrium(int i) {
        return rotations[i].apply(Magnetisation.EQUILIBRIUM);
    }

    /** The profile of the given kind, one value (0 … 1) per offset. */
    public double[] values(ProfileKind kind) {
        double[] v = new double[rotations.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = kind.of(rotations[i]);
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Profile p && p.durationS == durationS && p.b1MaxHz == b1MaxHz
                && Arrays.equals(p.offsetsHz, offsetsHz) && Arrays.equals(p.rotations, rotations);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(offsetsHz) * 31 + Double.hashCode(b1MaxHz);
    }

    @Override
    public String toString() {
        return "Profile[" + offsetsHz.length + " offsets, B1max " + b1MaxHz + " Hz, " + durationS + " s]";
    }
}
