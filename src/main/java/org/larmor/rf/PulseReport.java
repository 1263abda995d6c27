package org.larmor.rf;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Text for {@code larmor pulse FILE --duration-ms D --flip-deg F}: the facts of a {@link PulseSummary}, an ASCII
 * plot of its profile, and a CSV of the profile. Formatting only; {@link PulseAnalysis} computes.
 */
public final class PulseReport {
    /** Default plot size (characters). */
    public static final int PLOT_WIDTH = 70;
    public static final int PLOT_HEIGHT = 15;
    /** The slice thickness for which the report states the slice-selection gradient, m. */
    public static final double REFERENCE_SLICE_M = 0.010;

    private PulseReport() {
    }

    /**
     * The report, with B1 also in µT and the slice-selection gradient in mT/m for a nucleus of γ/2π =
     * {@code gammaHzPerT} (its magnitude: B1 = ω1/|γ|, G = bandwidth/(|γ|/2π·thickness)). The caller names the
     * nucleus; this package holds no γ of its own.
     *
     * @param gammaHzPerT γ/2π of the nucleus the pulse is played on, Hz/T (the sign of 15N is ignored)
     * @param nucleus     label of the nucleus, e.g. "1H", "31P"
     */
    public static String text(PulseSummary s, double gammaHzPerT, String nucleus) {
        if (!(gammaHzPerT != 0) || !Double.isFinite(gammaHzPerT)) {
            throw new IllegalArgumentException("gamma must be finite and non-zero, got " + gammaHzPerT);
        }
        double gamma = Math.abs(gammaHzPerT);
        PulseShape shape = s.shape();
        StringBuilder b = new StringBuilder();
        line(b, "Pulse: %s", shape.name());
        line(b, "  source:            %s", shape.source());
        double dwellUs = s.durationS() / shape.sampleCount() * 1e6;
        line(b, "  samples:           %d (%s)", shape.sampleCount(), uniform(shape)
                ? String.format(Locale.ROOT, "uniform dwell %.3g us", dwellUs) : "non-uniform dwell");
        line(b, "  modulation:        %s", modulation(s));
        if (!shape.metadata().isEmpty()) {
            b.append("  header:\n");
            for (Map.Entry<String, String> e : shape.metadata().entrySet()) {
                line(b, "    %s: %s", e.getKey(), e.getValue());
            }
        }
        line(b, "  duration:          %.4g ms", s.durationS() * 1e3);
        line(b, "  target flip:       %.1f deg", Math.toDegrees(s.flipRad()));
        line(b, "  amplitude integral %.6f, power integral %.6f (rectangular pulse = 1)", shape.amplitudeIntegral(),
                shape.powerIntegral());
        Calibration c = s.calibration();
        line(b, "  B1max:             %.1f Hz = %.3f uT (%s)  [%s]", c.b1MaxHz(), c.b1MaxHz() / gamma * 1e6,
                nucleus, c.method().description());
        line(b, "  on-resonance flip: %.2f deg", Math.toDegrees(c.onResonanceFlipRad()));
        line(b, "  bandwidth:         %.1f Hz  (FWHM of %s)", s.bandwidthHz(), s.kind().label());
        line(b, "  time-bandwidth:    %.3f", s.timeBandwidthProduct());
        // G = Δf / (γ/2π · Δz): the same pulse needs γ_1H/γ_X times the gradient on a nucleus X (31P: 2.47×).
        line(b, "  slice gradient:    %.3f mT/m for a %.0f mm slice (%s)", s.bandwidthHz() / (gamma
                * REFERENCE_SLICE_M) * 1e3, REFERENCE_SLICE_M * 1e3, nucleus);
        if (s.adiabatic()) {
            if (s.adiabaticThresholdHz().isPresent()) {
                double t = s.adiabaticThresholdHz().getAsDouble();
                line(b, "  adiabatic threshold: %.1f Hz = %.3f uT (%s)  [on-resonance Mz <= %.2f from here up]", t,
                        t / gamma * 1e6, nucleus, PulseAnalysis.ADIABATIC_MZ);
                line(b, "  inversion bandwidth at %.1f x threshold: %.1f Hz", PulseAnalysis.ADIABATIC_MARGIN,
                        s.adiabaticBandwidthHz().orElse(Double.NaN));
            } else {
                line(b, "  adiabatic threshold: not reached");
            }
        }
        b.append('\n');
        line(b, "%s profile, %s, at B1max %.1f Hz:", kindName(s.kind()), s.kind().label(), c.b1MaxHz());
        b.append(plot(s.profile(), s.kind(), PLOT_WIDTH, PLOT_HEIGHT));
        return b.toString();
    }

    /**
     * An ASCII plot of the profile, {@code width} × {@code height} characters of plot area (values 0 … 1 upwards,
     * offsets left to right), with a value axis on the left and offsets below.
     */
    public static String plot(Profile p, ProfileKind kind, int width, int height) {
        if (width < 10 || height < 3) {
            throw new IllegalArgumentException("plot too small");
        }
        double[] nu = p.offsetsHz();
        double[] v = p.values(kind);
        char[][] grid = new char[height][width];
        for (char[] row : grid) {
            Arrays.fill(row, ' ');
        }
        double lo = nu[0];
        double hi = nu[nu.length - 1];
        int prevRow = -1;
        for (int col = 0; col < width; col++) {
            double x = lo + (hi - lo) * col / (width - 1);
            double val = interpolate(nu, v, x);
            int row = (int) Math.round((1 - Math.max(0, Math.min(1, val))) * (height - 1));
            if (prevRow >= 0) {
                int from = Math.min(prevRow, row);
                int to = Math.max(prevRow, row);
                for (int r = from + 1; r < to; r++) {
                    grid[r][col] = '*';
                }
            }
            grid[row][col] = '*';
            prevRow = row;
        }
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < height; r++) {
            String label = r == 0 ? "1.0" : r == height - 1 ? "0.0" : r == (height - 1) / 2 ? "0.5" : "";
            b.append(String.format(Locale.ROOT, "%5s |", label)).append(grid[r]).append('\n');
        }
        b.append("      +").append("-".repeat(width)).append('\n');
        String left = String.format(Locale.ROOT, "%.0f Hz", lo);
        String mid = "0";
        String right = String.format(Locale.ROOT, "%+.0f Hz", hi);
        StringBuilder axis = new StringBuilder(" ".repeat(width + 7));
        axis.replace(7, 7 + left.length(), left);
        int midAt = 7 + (int) Math.round((0 - lo) / (hi - lo) * (width - 1));
        if (midAt > 7 + left.length() && midAt < width + 7 - right.length() - 1) {
            axis.setCharAt(midAt, mid.charAt(0));
        }
        axis.replace(width + 7 - right.length(), width + 7, right);
        b.append(axis.toString().stripTrailing()).append('\n');
        return b.toString();
    }

    /**
     * The profile as CSV: offset (Hz); Mx, My, Mz after the pulse from equilibrium; the refocusing efficiency |β|²;
     * and the spin-echo coefficient −β² (real, imaginary).
     */
    public static String csv(Profile p) {
        StringBuilder b = new StringBuilder("offset_hz,mx,my,mz,refocusing_efficiency,echo_re,echo_im\n");
        for (int i = 0; i < p.size(); i++) {
            Magnetisation m = p.fromEquilibrium(i);
            CayleyKlein r = p.rotation(i);
            var echo = r.refocusing();
            b.append(String.format(Locale.ROOT, "%.6f,%.9f,%.9f,%.9f,%.9f,%.9f,%.9f%n", p.offsetHz(i), m.x(), m.y(),
                    m.z(), r.betaNormSquared(), echo.getReal(), echo.getImaginary()));
        }
        return b.toString();
    }

    private static double interpolate(double[] x, double[] y, double at) {
        if (at <= x[0]) {
            return y[0];
        }
        for (int i = 1; i < x.length; i++) {
            if (at <= x[i]) {
                double f = (at - x[i - 1]) / (x[i] - x[i - 1]);
                return y[i - 1] + f * (y[i] - y[i - 1]);
            }
        }
        return y[y.length - 1];
    }

    private static boolean uniform(PulseShape shape) {
        double[] w = shape.durationWeight();
        for (double x : w) {
            if (Math.abs(x - w[0]) > 1e-9 * Math.abs(w[0])) {
                return false;
            }
        }
        return true;
    }

    private static String modulation(PulseSummary s) {
        PulseShape shape = s.shape();
        String m = shape.isAmplitudeModulatedOnly() ? "amplitude only (phase 0/180)" : "amplitude and phase";
        if (s.adiabatic()) {
            m += ", adiabatic full passage";
        }
        if (shape.hasGradient()) {
            m += ", gradient-modulated (offsets are positions at peak gradient)";
        }
        return m;
    }

    private static String kindName(ProfileKind k) {
        return switch (k) {
            case EXCITATION -> "Excitation";
            case INVERSION -> "Inversion";
            case REFOCUSING -> "Refocusing";
        };
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
