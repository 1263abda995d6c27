package org.larmor.sequence;

/**
 * One step of the general event model. Every named template (PRESS, STEAM, MEGA-PRESS, …) expands into a list of
 * these, and a user may write the list directly. The engine knows no sequence by name; it only plays events.
 */
public sealed interface Event permits Event.Pulse, Event.Delay, Event.SelectCoherence, Event.Crusher, Event.Acquire {

    /**
     * An instantaneous (ideal) RF pulse: a rotation by {@code flipRad} about an axis at {@code phaseRad} from x in the
     * rotating frame, R = exp(−i·θ·(cos φ·Fx + sin φ·Fy)). With {@code band} set, only spins whose nominal shift lies
     * inside the band are rotated (an ideal frequency-selective pulse, as for MEGA editing).
     *
     * @param label    name shown in timelines and provenance ("excitation", "refocusing 1", "edit 1")
     * @param flipRad  flip angle in radians
     * @param phaseRad phase in radians (0 = x, π/2 = y)
     * @param band     frequency band acted on, or null for every spin of the observed nucleus
     */
    record Pulse(String label, double flipRad, double phaseRad, Band band) implements Event {
        public static Pulse of(String label, double flipDeg, double phaseDeg) {
            return new Pulse(label, Math.toRadians(flipDeg), Math.toRadians(phaseDeg), null);
        }
    }

    /** Free evolution under the spin Hamiltonian for {@code durationS} seconds. */
    record Delay(double durationS) implements Event {
        public Delay {
            if (!(durationS >= 0) || !Double.isFinite(durationS)) {
                throw new IllegalArgumentException("delay must be finite and >= 0 s, got " + durationS);
            }
        }
    }

    /**
     * Keeps only the density-matrix elements of coherence order {@code order} (of the observed nucleus) — what ideal
     * crusher gradients or a complete phase cycle do.
     */
    record SelectCoherence(int order) implements Event {
    }

    /**
     * An ideal crusher gradient: it winds the phase of each coherence of order p by p·area along each of three
     * independent dephasing directions. Only pathways whose accumulated Σ p·area is zero in every direction are
     * refocused at the acquisition; all others are taken as fully dephased over the voxel (the strong-crusher limit).
     * Areas are small integers in arbitrary units: only which pathways cancel matters.
     *
     * @param area winding per unit coherence order along each direction (three integers)
     */
    record Crusher(int[] area) implements Event {
        public Crusher {
            if (area.length != 3) {
                throw new IllegalArgumentException("a crusher has three areas, got " + area.length);
            }
            area = area.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Crusher c && java.util.Arrays.equals(c.area, area);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(area);
        }

        @Override
        public String toString() {
            return "Crusher" + java.util.Arrays.toString(area);
        }
    }

    /** Starts acquisition: the FID's t = 0 is this instant. Always the last event. */
    record Acquire() implements Event {
    }

    /**
     * A band of chemical shift: spins with |δ − centre|·(f0·10⁻⁶) ≤ width/2 are inside.
     *
     * @param centerPpm centre in ppm
     * @param widthHz   full width in Hz
     */
    record Band(double centerPpm, double widthHz) {
        public boolean contains(double shiftPpm, double hzPerPpm) {
            return Math.abs(shiftPpm - centerPpm) * hzPerPpm <= widthHz / 2;
        }
    }
}
