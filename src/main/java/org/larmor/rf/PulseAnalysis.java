package org.larmor.rf;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.larmor.input.InputException;
import org.larmor.input.Location;

/**
 * Calibration and selectivity of a shaped pulse by Bloch simulation ({@link BlochSimulator}); definitions in
 * docs/rf-pulses.md.
 *
 * <ul>
 *   <li><b>B1max</b> (Hz, γB1/2π) for a flip θ: amplitude-modulated shapes θ = 2π·B1max·T·∫a dt̂ (exact on
 *       resonance); phase-modulated shapes: the lowest B1 with acos(Mz) = θ on resonance (Brent's method);
 *       adiabatic full passages: {@link #ADIABATIC_MARGIN} × the adiabatic threshold.</li>
 *   <li><b>Bandwidth</b>: full width at half maximum of the profile ({@link ProfileKind}): |Mxy| for
 *       excitation, |β|² = (1 − Mz)/2 for inversion and refocusing, the half-maximum crossings nearest the peak
 *       on either side, refined by Brent's method.</li>
 *   <li><b>Adiabatic threshold</b>: the lowest B1max above which on-resonance inversion stays at
 *       Mz ≤ {@link #ADIABATIC_MZ} at every B1 from there up to {@link #ADIABATIC_PLATEAU} times
 *       as much (scanned in steps of 0.5 %, refined by Brent's method).</li>
 * </ul>
 * References: Silver MS, Joseph RI, Hoult DI. J Magn Reson 1984;59:347-351; Tannús A, Garwood M. J Magn Reson A
 * 1996;120:133-137; Garwood M, DelaBarre L. J Magn Reson 2001;153:155-177 (adiabatic condition and threshold).
 */
public final class PulseAnalysis {
    /** On-resonance Mz that counts as inverted for the adiabatic threshold. */
    public static final double ADIABATIC_MZ = -0.98;
    /**
     * The threshold must hold from itself up to this multiple of itself: the plateau of an adiabatic passage. (Far
     * higher B1 spoils inversion again, as the truncated ends of the sweep no longer start along z.)
     */
    public static final double ADIABATIC_PLATEAU = 3;
    /** B1 of an adiabatic pulse, as a multiple of its threshold, for calibration and its bandwidth. */
    public static final double ADIABATIC_MARGIN = 1.5;
    /** Flip angles at or above this (degrees) are measured by their refocusing/inversion profile. */
    public static final double REFOCUSING_PROFILE_FROM_DEG = 135;
    /** Range of the B1 scans, as a multiple of the least B1 that could reach the flip at all. */
    static final double SCAN_RANGE = 200;
    /** Ratio between successive B1 values of a scan. */
    static final double SCAN_STEP = 1.005;
    /** Points in the plotted/CSV profile. */
    static final int PROFILE_POINTS = 401;

    private PulseAnalysis() {
    }

    /**
     * Everything {@link PulseReport} shows, with the pulse treated as adiabatic when {@link #looksAdiabatic} says so.
     *
     * @param shape     the waveform
     * @param durationS duration (s)
     * @param flipRad   target flip angle (rad); for an adiabatic full passage only its inversion matters
     */
    public static PulseSummary analyse(PulseShape shape, double durationS, double flipRad) {
        return analyse(shape, durationS, flipRad, looksAdiabatic(shape));
    }

    /** As {@link #analyse(PulseShape, double, double)}, stating whether the pulse is an adiabatic full passage. */
    public static PulseSummary analyse(PulseShape shape, double durationS, double flipRad, boolean adiabatic) {
        BlochSimulator sim = simulator(shape, durationS);
        OptionalDouble threshold = OptionalDouble.empty();
        OptionalDouble adiabaticBw = OptionalDouble.empty();
        if (adiabatic) {
            threshold = adiabaticThresholdHz(sim);
            if (threshold.isPresent()) {
                adiabaticBw = OptionalDouble.of(bandwidthHz(sim, ADIABATIC_MARGIN * threshold.getAsDouble(),
                        ProfileKind.INVERSION));
            }
        }
        Calibration cal;
        if (adiabatic && Math.toDegrees(flipRad) >= 179) {
            if (threshold.isEmpty()) {
                throw new InputException(new Location(shape.source(), 0, 0), "flip_deg", String.format(Locale.ROOT,
                        "pulse '%s' treated as adiabatic, but at %.3g ms its on-resonance inversion never stays at "
                                + "Mz <= %.2f over a %.0f-fold range of B1 (searched up to %.0f Hz)", shape.name(),
                        durationS * 1e3, ADIABATIC_MZ, ADIABATIC_PLATEAU,
                        SCAN_RANGE * leastB1Hz(shape, durationS, Math.PI)));
            }
            double b1 = ADIABATIC_MARGIN * threshold.getAsDouble();
            cal = new Calibration(b1, Calibration.Method.ADIABATIC_MARGIN, onResonanceFlipRad(sim, b1));
        } else {
            cal = calibrate(sim, flipRad);
        }
        ProfileKind kind = adiabatic && cal.method() == Calibration.Method.ADIABATIC_MARGIN ? ProfileKind.INVERSION
                : Math.toDegrees(flipRad) >= REFOCUSING_PROFILE_FROM_DEG ? ProfileKind.REFOCUSING
                : ProfileKind.EXCITATION;
        double bw = bandwidthHz(sim, cal.b1MaxHz(), kind);
        double half = Double.isNaN(bw) ? 10 / durationS : Math.max(2 * bw, 4 / durationS);
        Profile profile = sim.profile(cal.b1MaxHz(), BlochSimulator.offsets(-half, half, PROFILE_POINTS));
        return new PulseSummary(shape, durationS, flipRad, adiabatic, cal, kind, bw, threshold, adiabaticBw, profile);
    }

    /**
     * The peak B1 for flip θ on resonance: from the amplitude integral for amplitude-modulated shapes, else by
     * Bloch simulation.
     *
     * @throws InputException if a phase-modulated shape cannot reach θ on resonance within the scanned B1 range
     */
    public static Calibration calibrate(PulseShape shape, double durationS, double flipRad) {
        return calibrate(simulator(shape, durationS), flipRad);
    }

    /** The simulator, or an input error naming the duration if it is not a positive number of seconds. */
    private static BlochSimulator simulator(PulseShape shape, double durationS) {
        if (!(durationS > 0) || Double.isInfinite(durationS)) {
            throw new InputException(new Location(shape.source(), 0, 0), "duration_ms",
                    "expected a positive pulse duration, got " + durationS * 1e3 + " ms");
        }
        return new BlochSimulator(shape, durationS);
    }

    private static Calibration calibrate(BlochSimulator sim, double flipRad) {
        PulseShape shape = sim.shape();
        double durationS = sim.durationS();
        if (!(flipRad > 0) || Double.isInfinite(flipRad)) {
            throw new InputException(new Location(shape.source(), 0, 0), "flip_deg",
                    "expected a positive flip angle, got " + Math.toDegrees(flipRad) + " degrees");
        }
        if (!shape.isAmplitudeModulatedOnly() && flipRad > Math.PI + 1e-9) {
            throw new InputException(new Location(shape.source(), 0, 0), "flip_deg", "a phase-modulated pulse is "
                    + "calibrated by its on-resonance flip acos(Mz), at most 180 degrees; got "
                    + Math.toDegrees(flipRad));
        }
        if (shape.isAmplitudeModulatedOnly()) {
            double integral = shape.amplitudeIntegral();
            if (integral < 1e-9) {
                throw new InputException(new Location(shape.source(), 0, 0), "flip_deg", "pulse '" + shape.name()
                        + "' has a net amplitude integral of zero: it produces no flip on resonance");
            }
            double b1 = flipRad / (2 * Math.PI * durationS * integral);
            return new Calibration(b1, Calibration.Method.AMPLITUDE_INTEGRAL, onResonanceFlipRad(sim, b1));
        }
        double cosTarget = Math.cos(flipRad);
        DoubleUnaryOperator flip = b -> onResonanceFlipRad(sim, b);
        double lo = leastB1Hz(shape, durationS, flipRad);
        double hi = SCAN_RANGE * lo;
        double bPrev = lo * 0.999;
        double fPrev = flip.applyAsDouble(bPrev);
        double best = fPrev;
        double bestB = bPrev;
        boolean rising = true;
        for (double b = bPrev * SCAN_STEP; b <= hi; b *= SCAN_STEP) {
            double f = flip.applyAsDouble(b);
            if (f >= flipRad) {
                final double target = cosTarget;
                double root = new BrentSolver(1e-13, 1e-13 * b).solve(200,
                        x -> sim.cayleyKlein(x, 0).inversionMz() - target, bPrev, b);
                return new Calibration(root, Calibration.Method.ON_RESONANCE_BLOCH, onResonanceFlipRad(sim, root));
            }
            if (rising && f < fPrev && fPrev > flipRad - Math.toRadians(0.5)) {
                // A local maximum just short of the target (e.g. 180° with phase modulation): take its top.
                double top = new BrentOptimizer(1e-10, 1e-12 * b).optimize(new MaxEval(500),
                        new UnivariateObjectiveFunction(flip::applyAsDouble), GoalType.MAXIMIZE,
                        new SearchInterval(bPrev / SCAN_STEP, b)).getPoint();
                return new Calibration(top, Calibration.Method.ON_RESONANCE_BLOCH, onResonanceFlipRad(sim, top));
            }
            rising = f >= fPrev;
            if (f > best) {
                best = f;
                bestB = b;
            }
            bPrev = b;
            fPrev = f;
        }
        throw new InputException(new Location(shape.source(), 0, 0), "flip_deg", String.format(Locale.ROOT,
                "pulse '%s' of %.3g ms reaches at most %.1f degrees on resonance (at B1max = %.0f Hz, scanned up to "
                        + "%.0f Hz), short of the %.1f degrees asked", shape.name(), durationS * 1e3,
                Math.toDegrees(best), bestB, hi, Math.toDegrees(flipRad)));
    }

    /** On-resonance flip angle acos(Mz) from Mz = 1 (rad). */
    public static double onResonanceFlipRad(BlochSimulator sim, double b1MaxHz) {
        return Math.acos(Math.max(-1, Math.min(1, sim.cayleyKlein(b1MaxHz, 0).inversionMz())));
    }

    /** The least B1 (Hz) that could give flip θ: θ ≤ 2π·B1max·T·Σ a_k f_k for any phase modulation. */
    static double leastB1Hz(PulseShape shape, double durationS, double flipRad) {
        return flipRad / (2 * Math.PI * durationS * shape.absoluteIntegral());
    }

    /**
     * Full width at half maximum (Hz) of the profile of the given kind at peak B1 {@code b1MaxHz}: the half-maximum
     * crossings nearest the profile's peak on either side. NaN if the profile vanishes.
     */
    public static double bandwidthHz(PulseShape shape, double durationS, double b1MaxHz, ProfileKind kind) {
        return bandwidthHz(simulator(shape, durationS), b1MaxHz, kind);
    }

    static double bandwidthHz(BlochSimulator sim, double b1MaxHz, ProfileKind kind) {
        DoubleUnaryOperator value = nu -> kind.of(sim.cayleyKlein(b1MaxHz, nu));
        int m = 400;
        double span = 8 / sim.durationS();
        for (int attempt = 0; attempt < 16; attempt++, span *= 2) {
            double[] nu = BlochSimulator.offsets(-span, span, 2 * m + 1);
            double[] v = sim.profile(b1MaxHz, nu).values(kind);
            int peak = 0;
            for (int i = 1; i < v.length; i++) {
                if (v[i] > v[peak] || (v[i] == v[peak] && Math.abs(nu[i]) < Math.abs(nu[peak]))) {
                    peak = i;
                }
            }
            if (!(v[peak] > 1e-12)) {
                return Double.NaN;
            }
            double half = v[peak] / 2;
            int right = peak;
            while (right < v.length && v[right] >= half) {
                right++;
            }
            int left = peak;
            while (left >= 0 && v[left] >= half) {
                left--;
            }
            if (right == v.length || left < 0) {
                continue;
            }
            BrentSolver solver = new BrentSolver(1e-13, 1e-10 * span);
            double r = solver.solve(200, x -> value.applyAsDouble(x) - half, nu[right - 1], nu[right]);
            double l = solver.solve(200, x -> value.applyAsDouble(x) - half, nu[left], nu[left + 1]);
            return r - l;
        }
        return Double.NaN;
    }

    /** The adiabatic threshold (Hz, γB1/2π) of the shape at this duration, if the scan finds one. */
    public static OptionalDouble adiabaticThresholdHz(PulseShape shape, double durationS) {
        return adiabaticThresholdHz(simulator(shape, durationS));
    }

    static OptionalDouble adiabaticThresholdHz(BlochSimulator sim) {
        double lo = leastB1Hz(sim.shape(), sim.durationS(), Math.PI);
        int n = (int) Math.ceil(Math.log(SCAN_RANGE) / Math.log(SCAN_STEP)) + 1;
        double[] b = new double[n];
        double[] mz = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            b[i] = lo * Math.pow(SCAN_STEP, i);
            mz[i] = sim.cayleyKlein(b[i], 0).inversionMz();
        });
        // lastAbove[i]: the highest j ≤ i with Mz above the criterion, or −1.
        int[] lastAbove = new int[n];
        for (int i = 0; i < n; i++) {
            lastAbove[i] = mz[i] > ADIABATIC_MZ ? i : (i > 0 ? lastAbove[i - 1] : -1);
        }
        int j = 0;
        for (int i = 0; i < n; i++) {
            while (j + 1 < n && b[j + 1] <= ADIABATIC_PLATEAU * b[i] * (1 + 1e-12)) {
                j++;
            }
            if (b[j] * SCAN_STEP <= ADIABATIC_PLATEAU * b[i] * (1 + 1e-12) && j == n - 1) {
                return OptionalDouble.empty(); // the plateau would run past the scan
            }
            if (mz[i] <= ADIABATIC_MZ && lastAbove[j] < i) {
                if (i == 0) {
                    return OptionalDouble.of(b[0]);
                }
                double root = new BrentSolver(1e-13, 1e-13 * b[i]).solve(200,
                        x -> sim.cayleyKlein(x, 0).inversionMz() - ADIABATIC_MZ, b[i - 1], b[i]);
                return OptionalDouble.of(root);
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * Whether to treat the shape as an adiabatic full passage: its metadata say so (a MODULATION, TYPE or
     * SHAPE_TYPE containing "adiabatic"), or it is phase-modulated with a monotonic frequency sweep spanning at
     * least 4/T (R ≥ 4). Phase jumps of π (sign changes of a real waveform) are not counted as sweep.
     */
    public static boolean looksAdiabatic(PulseShape shape) {
        for (var e : shape.metadata().entrySet()) {
            String k = e.getKey().toUpperCase(Locale.ROOT);
            if ((k.contains("MODULATION") || k.contains("TYPE")) && e.getValue().toLowerCase(Locale.ROOT)
                    .contains("adiabatic")) {
                return true;
            }
        }
        if (shape.isAmplitudeModulatedOnly() || shape.sampleCount() < 3) {
            return false;
        }
        double[] frac = shape.dwellFractions();
        int n = shape.sampleCount();
        double[] freq = new double[n - 1]; // cycles per pulse duration, i.e. Hz × T
        for (int k = 0; k + 1 < n; k++) {
            double d = Math.IEEEremainder(shape.phaseRad(k + 1) - shape.phaseRad(k), 2 * Math.PI);
            if (Math.abs(Math.abs(d) - Math.PI) < 0.05) {
                d = Math.IEEEremainder(d + Math.PI, 2 * Math.PI);
            }
            double dt = 0.5 * (frac[k] + frac[k + 1]);
            freq[k] = dt > 0 ? d / (2 * Math.PI * dt) : 0;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int up = 0;
        int down = 0;
        for (int k = 0; k < freq.length; k++) {
            min = Math.min(min, freq[k]);
            max = Math.max(max, freq[k]);
            if (k > 0) {
                double step = freq[k] - freq[k - 1];
                if (step > 1e-9) {
                    up++;
                } else if (step < -1e-9) {
                    down++;
                }
            }
        }
        return max - min >= 4 && Math.max(up, down) >= 0.9 * (up + down);
    }
}
