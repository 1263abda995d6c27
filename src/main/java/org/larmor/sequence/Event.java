package org.larmor.sequence;

/**
 * One step of the general event model. Every named template (PRESS, STEAM, MEGA-PRESS, …) expands into a list of
 * these, and a user may write the list directly. The engine knows no sequence by name; it only plays events.
 */
public sealed interface Event permits Event.Pulse, Event.ShapedPulse, Event.Gradient, Event.Delay,
        Event.SelectCoherence, Event.Crusher, Event.Acquire {

    /**
     * An instantaneous (ideal) RF pulse: a rotation by {@code flipRad} about an axis at {@code phaseRad} from x in the
     * rotating frame, R = exp(−i·θ·(cos φ·Fx + sin φ·Fy)). With {@code bands}, only spins whose nominal shift lies
     * inside one of them are rotated: an ideal frequency-selective pulse, single-band (MEGA editing) or multi-band
     * (HERMES, HERCULES).
     *
     * @param label    name shown in timelines and provenance ("excitation", "refocusing 1", "edit 1")
     * @param flipRad  flip angle in radians
     * @param phaseRad phase in radians (0 = x, π/2 = y)
     * @param bands    frequency bands acted on; empty for every spin of the observed nucleus
     */
    record Pulse(String label, double flipRad, double phaseRad, java.util.List<Band> bands) implements Event {
        public Pulse {
            bands = java.util.List.copyOf(bands);
        }

        /** A non-selective ideal pulse. */
        public Pulse(String label, double flipRad, double phaseRad) {
            this(label, flipRad, phaseRad, java.util.List.of());
        }

        /** True if the pulse acts on a spin at this nominal shift. */
        public boolean acts(double shiftPpm, double hzPerPpm) {
            return bands.isEmpty() || bands.stream().anyMatch(b -> b.contains(shiftPpm, hzPerPpm));
        }

        public Pulse withLabel(String newLabel) {
            return new Pulse(newLabel, flipRad, phaseRad, bands);
        }
    }

    /**
     * A shaped RF pulse of finite duration, played sample by sample with the full spin Hamiltonian (shifts and
     * J-couplings act during it) and, when slice-selective, a constant gradient along {@code axis}.
     *
     * <p>The waveform is piecewise constant in the frame of its carrier, at {@code carrierPpm}; the carrier's phase
     * is referenced to the receiver at the pulse centre. Sample k rotates about the axis at phase φ_k with nutation
     * rate b1_k (γB1/2π, Hz).
     *
     * @param label          name for timelines and provenance
     * @param b1Hz           nutation rate of each sample, Hz (≥ 0)
     * @param phaseRad       phase of each sample, rad (the pulse's overall phase included)
     * @param durationS      duration of each sample, s
     * @param carrierPpm     frequency of the RF carrier, as a chemical shift
     * @param axis           gradient axis 0, 1, 2 (x, y, z), or −1 for a non-selective pulse
     * @param gradientHzPerM slice-selection gradient γG/2π during the pulse, Hz/m (0 when non-selective)
     * @param origin         how it was described (pulse, bands, slice), so that it can be written back as YAML; null
     *                       for a waveform given sample by sample. Not part of equality: two pulses with the same
     *                       samples are the same pulse.
     */
    record ShapedPulse(String label, double[] b1Hz, double[] phaseRad, double[] durationS, double carrierPpm, int axis,
                       double gradientHzPerM, Origin origin) implements Event {
        public ShapedPulse(String label, double[] b1Hz, double[] phaseRad, double[] durationS, double carrierPpm,
                           int axis, double gradientHzPerM) {
            this(label, b1Hz, phaseRad, durationS, carrierPpm, axis, gradientHzPerM, null);
        }

        public ShapedPulse {
            if (b1Hz.length != phaseRad.length || b1Hz.length != durationS.length || b1Hz.length == 0) {
                throw new IllegalArgumentException("shaped pulse arrays must be non-empty and of equal length");
            }
            if (axis < -1 || axis > 2) {
                throw new IllegalArgumentException("axis must be -1, 0, 1 or 2");
            }
            b1Hz = b1Hz.clone();
            phaseRad = phaseRad.clone();
            durationS = durationS.clone();
        }

        public ShapedPulse withLabel(String newLabel) {
            return new ShapedPulse(newLabel, b1Hz, phaseRad, durationS, carrierPpm, axis, gradientHzPerM, origin);
        }

        /**
         * This pulse with every sample's B1 multiplied by {@code factor}, in one sub-experiment: its timing, carrier,
         * slice axis and gradient stay. Factor 0 is the pulse switched off while its slice gradient still plays, as
         * the "off" scans of ISIS do (Ordidge RJ, Connelly A, Lohman JAB. J Magn Reson 1986;66:283-294); the axis
         * stays on the spatial grid, so off scans are averaged over the same positions as on scans and the outer
         * volume cancels in their combination. Factors multiply ({@link Origin#b1Factor()} records the product).
         *
         * @param factor ≥ 0, dimensionless
         */
        public ShapedPulse withB1Factor(double factor) {
            if (!(factor >= 0) || !Double.isFinite(factor)) {
                throw new IllegalArgumentException("a B1 factor is finite and >= 0, got " + factor);
            }
            double[] b1 = new double[b1Hz.length];
            for (int k = 0; k < b1.length; k++) {
                b1[k] = b1Hz[k] * factor;
            }
            Origin o = origin == null ? null : origin.withB1Factor(origin.b1Factor() * factor);
            return new ShapedPulse(label, b1, phaseRad, durationS, carrierPpm, axis, gradientHzPerM, o);
        }

        /** Peak nutation rate, Hz. */
        public double peakB1Hz() {
            double peak = 0;
            for (double b : b1Hz) {
                peak = Math.max(peak, b);
            }
            return peak;
        }

        public double totalDurationS() {
            double t = 0;
            for (double d : durationS) {
                t += d;
            }
            return t;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ShapedPulse p && p.label.equals(label) && java.util.Arrays.equals(p.b1Hz, b1Hz)
                    && java.util.Arrays.equals(p.phaseRad, phaseRad) && java.util.Arrays.equals(p.durationS, durationS)
                    && p.carrierPpm == carrierPpm && p.axis == axis && p.gradientHzPerM == gradientHzPerM;
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(b1Hz) * 31 + java.util.Arrays.hashCode(phaseRad) + axis;
        }

        @Override
        public String toString() {
            return "ShapedPulse[" + label + ", " + b1Hz.length + " samples, " + totalDurationS() + " s, axis " + axis
                    + "]";
        }
    }

    /**
     * An instantaneous gradient lobe along {@code axis}: at position r it winds a coherence of order p by
     * exp(+i·p·2π·area·r) (the phase evolution under the offset −2π·γG/2π·r for the lobe's duration). Used to rephase
     * slice-selective excitation, or to simulate crushers explicitly on a spatial grid.
     *
     * @param axis        0, 1 or 2
     * @param areaHzSPerM γ/2π·∫G dt, in Hz·s/m (cycles per metre)
     */
    record Gradient(int axis, double areaHzSPerM) implements Event {
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
     * An ideal crusher gradient: it winds the phase of each coherence of order p by p·area along each of up to
     * {@link #MAX_DIRECTIONS} independent dephasing directions (missing trailing directions are zero). Only pathways whose accumulated Σ p·area is zero in every direction are
     * refocused at the acquisition; all others are taken as fully dephased over the voxel (the strong-crusher limit).
     * Areas are small integers in arbitrary units: only which pathways cancel matters.
     *
     * @param area winding per unit coherence order along each direction (integers)
     */
    record Crusher(int[] area) implements Event {
        /** Dephasing directions a sequence may use: one per crusher pair is the usual layout. */
        public static final int MAX_DIRECTIONS = 8;

        public Crusher {
            if (area.length < 1 || area.length > MAX_DIRECTIONS) {
                throw new IllegalArgumentException("a crusher has 1 to " + MAX_DIRECTIONS + " areas, got "
                        + area.length);
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

    /**
     * What a shaped pulse was made from: its pulse description, the bands it was modulated to (empty: played at the
     * carrier), the slice thickness it selects (NaN when its gradient was given directly or it is non-selective),
     * and the factor on its calibrated B1 in this sub-experiment (1: as calibrated; 0: off, gradient still on).
     */
    record Origin(PulseSpec spec, java.util.List<Double> bandsPpm, double thicknessM, double b1Factor) {
        public Origin {
            bandsPpm = java.util.List.copyOf(bandsPpm);
        }

        /** A pulse played as calibrated (B1 factor 1). */
        public Origin(PulseSpec spec, java.util.List<Double> bandsPpm, double thicknessM) {
            this(spec, bandsPpm, thicknessM, 1);
        }

        Origin withB1Factor(double factor) {
            return new Origin(spec, bandsPpm, thicknessM, factor);
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
