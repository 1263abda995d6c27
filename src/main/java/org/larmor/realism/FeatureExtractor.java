package org.larmor.realism;

import org.larmor.input.InputException;
import org.larmor.signal.Fid;
import org.larmor.signal.SpectralMetrics;
import org.larmor.signal.Spectrum;
import org.larmor.validate.PpmWindow;
import org.larmor.validate.SpectrumSampler;

import java.util.Arrays;
import java.util.Locale;

/**
 * Measures the {@link Feature}s of one spectrum, the same way for a synthetic and a measured one (docs/realism.md).
 *
 * <ol>
 *   <li>The spectrum is {@link Spectrum#of} the FID (first point halved, times dwell; docs/metrics.md). Around the
 *   reference window it is evaluated exactly on a fine grid (0.05 Hz; {@link SpectrumSampler#onGrid}, the DTFT, so
 *   no interpolation error).</li>
 *   <li>D(f) = S(f) − ½(S(f − Δ) + S(f + Δ)), Δ = 0.05 ppm: the spectrum less the straight line under the peak
 *   (a water tail, a sloping baseline). The reference peak is the largest local maximum of |D| strictly inside its
 *   window (a maximum at an edge is the flank of a neighbour). It is <em>there</em> only if such a maximum exists
 *   and exceeds k × σ; otherwise the spectrum is refused, and no SNR is measured on a peak that is not there.</li>
 *   <li>Zero-order phase φ = arg D at that maximum ({@link #phaseAt}): a line's absorption is even and its
 *   dispersion odd about its centre, so D keeps the peak's own phase; every later measure uses Re(S·e^{−iφ}), the
 *   spectrum phased on the reference peak.</li>
 *   <li>σ = {@link SpectralMetrics#noiseSd} of the phased real part in the noise window (native points, after
 *   removing a straight line); h = {@link SpectralMetrics#peakHeight} in the window; SNR = h/σ (MRSinMRS).</li>
 *   <li>Linewidth = {@link SpectralMetrics#fwhmHz} on the fine grid; frequency offset =
 *   ({@link SpectralMetrics#peakPositionPpm} − expected)·f0.</li>
 *   <li>Residual water = 20·log10(RMS |S| over the water window / h); baseline = 20·log10(RMS of b / h), b the
 *   running median (full width {@link FeatureSettings#medianWidthPpm()}) of the phased real part over the baseline
 *   range.</li>
 * </ol>
 */
public final class FeatureExtractor {
    /** Spacing of the fine grid around the reference peak, Hz. */
    static final double FINE_STEP_HZ = 0.05;
    /** How far beyond the reference window the fine grid reaches, ppm (for the half-height crossings). */
    static final double FINE_MARGIN_PPM = 0.15;
    /** Half-width of the neighbourhood of the magnitude maximum in which the real maximum is taken, ppm. */
    static final double PEAK_HALF_WIDTH_PPM = 0.02;
    /** Distance either side of the peak at which the background under it is sampled for its phase, ppm. */
    static final double PHASE_BACKGROUND_PPM = 0.05;

    private final FeatureSettings settings;

    public FeatureExtractor(FeatureSettings settings) {
        this.settings = settings;
    }

    public FeatureSettings settings() {
        return settings;
    }

    /**
     * @param source          file name, for messages and the result
     * @param fid             the FID (on-disk sign convention)
     * @param spectrometerMHz f0 in MHz (= Hz per ppm)
     * @param referencePpm    receiver reference (ppm at 0 Hz)
     * @throws InputException when a window lies outside the spectral width
     */
    public SpectrumFeatures measure(String source, Fid fid, double spectrometerMHz, double referencePpm) {
        double hzPerPpm = spectrometerMHz;
        double halfSwPpm = 0.5 / fid.dwellS() / hzPerPpm;
        ReferencePeak ref = settings.reference();
        requireInside(source, "reference window", new PpmWindow(ref.lowPpm() - FINE_MARGIN_PPM,
                ref.highPpm() + FINE_MARGIN_PPM), referencePpm, halfSwPpm);
        requireInside(source, "noise window (--noise-ppm)", settings.noise(), referencePpm, halfSwPpm);
        requireInside(source, "residual-water window", settings.water(), referencePpm, halfSwPpm);
        requireInside(source, "baseline range", settings.baseline(), referencePpm, halfSwPpm);
        requireInside(source, "band range (--ppm)", settings.band(), referencePpm, halfSwPpm);

        Spectrum raw = Spectrum.of(fid, hzPerPpm, referencePpm);
        double lowHz = (referencePpm - ref.highPpm() - FINE_MARGIN_PPM) * hzPerPpm;
        double highHz = (referencePpm - ref.lowPpm() + FINE_MARGIN_PPM) * hzPerPpm;
        int finePoints = (int) Math.ceil((highHz - lowHz) / FINE_STEP_HZ) + 1;
        Spectrum fine = SpectrumSampler.onGrid(fid, hzPerPpm, referencePpm, lowHz, highHz, finePoints);

        int[] win = fine.indexRange(ref.lowPpm(), ref.highPpm());
        // |D|, D(f) = S(f) − ½(S(f − Δ) + S(f + Δ)): the spectrum less the straight line under the peak, so that a
        // water tail or a sloping baseline neither moves the maximum nor passes for a peak.
        int shift = (int) Math.round(PHASE_BACKGROUND_PPM * hzPerPpm / fine.resolutionHz());
        double[] mag = new double[fine.points()];
        for (int k = shift; k < mag.length - shift; k++) {
            double re = fine.re()[k] - 0.5 * (fine.re()[k - shift] + fine.re()[k + shift]);
            double im = fine.im()[k] - 0.5 * (fine.im()[k - shift] + fine.im()[k + shift]);
            mag[k] = Math.hypot(re, im);
        }
        // The largest local maximum of |D| strictly inside the window: a maximum at its edge is the flank of
        // something outside it (a neighbouring multiplet, a curved baseline), not the reference peak.
        int kMax = -1;
        for (int k = win[0] + 1; k < win[1] - 1; k++) {
            if (mag[k] >= mag[k - 1] && mag[k] >= mag[k + 1] && (kMax < 0 || mag[k] > mag[kMax])) {
                kMax = k;
            }
        }
        int kAny = kMax >= 0 ? kMax : (mag[win[0]] >= mag[win[1] - 1] ? win[0] : win[1] - 1);
        double mMax = mag[kAny];
        double phi = kMax >= 0 ? phaseAt(fid, fine, mag, kMax, hzPerPpm)
                : Math.atan2(fine.im()[kAny], fine.re()[kAny]);
        Spectrum rawPhased = rotate(raw, -phi);
        double sigma;
        try {
            sigma = SpectralMetrics.noiseSd(rawPhased, settings.noise().low(), settings.noise().high());
        } catch (IllegalArgumentException e) {
            throw InputException.of(source, "noise window " + settings.noise() + ": " + e.getMessage()
                    + " (widen --noise-ppm)");
        }
        if (kMax < 0) {
            return SpectrumFeatures.refused(source, sigma, String.format(Locale.ROOT, "no %s peak: the magnitude"
                    + " spectrum (less its local straight line) has no maximum inside %.2f to %.2f ppm (it rises to"
                    + " the window's edge at %.3f ppm)", ref.name(), ref.lowPpm(), ref.highPpm(), fine.ppm(kAny)));
        }
        if (!(mMax > settings.peakThreshold() * sigma)) {
            return SpectrumFeatures.refused(source, sigma, String.format(Locale.ROOT, "no %s peak: the largest"
                    + " maximum in %.2f to %.2f ppm (magnitude less its local straight line) is %.2f × the noise SD,"
                    + " below the threshold %.3g × (or the peak lies outside the window: see --reference-window)",
                    ref.name(), ref.lowPpm(), ref.highPpm(), mMax / sigma, settings.peakThreshold()));
        }
        Spectrum finePhased = rotate(fine, -phi);
        // Height, position and width are taken on the real maximum next to the magnitude maximum (within
        // ±PEAK_HALF_WIDTH_PPM, inside the window), so that a flank at the window's edge is never mistaken for it.
        double pLo = Math.max(ref.lowPpm(), fine.ppm(kMax) - PEAK_HALF_WIDTH_PPM);
        double pHi = Math.min(ref.highPpm(), fine.ppm(kMax) + PEAK_HALF_WIDTH_PPM);
        double h = SpectralMetrics.peakHeight(finePhased, pLo, pHi);
        if (!(h > settings.peakThreshold() * sigma)) {
            return SpectrumFeatures.refused(source, sigma, String.format(Locale.ROOT, "no %s peak: phased on its"
                    + " maximum at %.3f ppm, the real spectrum is %.2f × the noise SD there, below the threshold"
                    + " %.3g ×", ref.name(), fine.ppm(kMax), h / sigma, settings.peakThreshold()));
        }
        double[] v = new double[Feature.values().length];
        v[Feature.SNR.ordinal()] = h / sigma;
        double fwhm;
        try {
            fwhm = SpectralMetrics.fwhmHz(finePhased, pLo, pHi);
        } catch (IllegalArgumentException e) {
            fwhm = Double.NaN; // the line does not fall to half height within the fine grid
        }
        v[Feature.LINEWIDTH.ordinal()] = fwhm;
        v[Feature.OFFSET.ordinal()] = (SpectralMetrics.peakPositionPpm(finePhased, pLo, pHi)
                - ref.expectedPpm()) * hzPerPpm;
        v[Feature.PHASE.ordinal()] = Math.toDegrees(phi);
        v[Feature.RESIDUAL_WATER.ordinal()] = 20 * Math.log10(rmsMagnitude(raw, settings.water()) / h);
        v[Feature.BASELINE.ordinal()] = 20 * Math.log10(smoothRms(rawPhased, settings.baseline(),
                settings.medianWidthPpm()) / h);
        double shiftPpm = settings.alignBand() ? v[Feature.OFFSET.ordinal()] / hzPerPpm : 0;
        return new SpectrumFeatures(source, v, h, sigma, band(fid, hzPerPpm, referencePpm, phi, h, shiftPpm), null);
    }

    /**
     * The zero-order phase of the peak at fine-grid point k: arg D(f_p), D(f) = S(f) − ½·(S(f − Δ) + S(f + Δ)),
     * Δ = {@link #PHASE_BACKGROUND_PPM}, S evaluated exactly (DTFT) at f_p, the vertex of the parabola through
     * |D| ({@code mag}) at k and its neighbours. The subtraction removes a background that is linear in frequency
     * under the peak (the dispersion tail of residual water, a sloping baseline) without changing the peak's own
     * phase: a line's absorption is even about its centre and its dispersion odd, so the mean of S at ±Δ has the
     * peak's phase too.
     */
    static double phaseAt(Fid fid, Spectrum fine, double[] mag, int k, double hzPerPpm) {
        double a = mag[k - 1];
        double b = mag[k];
        double c = mag[k + 1];
        double denom = a - 2 * b + c;
        double offset = denom != 0 ? 0.5 * (a - c) / denom : 0;
        double fp = fine.frequencyHz()[k] + offset * fine.resolutionHz();
        double d = PHASE_BACKGROUND_PPM * hzPerPpm;
        double[][] s = SpectrumSampler.atFrequencies(fid, new double[] {fp, fp - d, fp + d});
        double re = s[0][0] - 0.5 * (s[0][1] + s[0][2]);
        double im = s[1][0] - 0.5 * (s[1][1] + s[1][2]);
        return Math.atan2(im, re);
    }

    /**
     * The normalised spectrum on the band grid: Re(S·e^{−iφ})/h, or |S|/h, at ppm + shiftPpm (the grid follows
     * the spectrum's own offset when aligned, so its reference peak lands on the expected shift).
     */
    private double[] band(Fid fid, double hzPerPpm, double referencePpm, double phi, double h, double shiftPpm) {
        int n = settings.bandPoints();
        double[][] s = SpectrumSampler.atUniformPpm(fid, hzPerPpm, referencePpm, settings.band().low() + shiftPpm,
                settings.bandStepPpm(), n);
        double c = Math.cos(-phi);
        double sn = Math.sin(-phi);
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[k] = (settings.magnitudeBand() ? Math.hypot(s[0][k], s[1][k]) : s[0][k] * c - s[1][k] * sn) / h;
        }
        return out;
    }

    /** The ppm of each point of the band grid. */
    public double[] bandPpm() {
        double[] p = new double[settings.bandPoints()];
        for (int k = 0; k < p.length; k++) {
            p[k] = settings.band().low() + k * settings.bandStepPpm();
        }
        return p;
    }

    static Spectrum rotate(Spectrum s, double angle) {
        double c = Math.cos(angle);
        double sn = Math.sin(angle);
        double[] re = new double[s.points()];
        double[] im = new double[s.points()];
        for (int k = 0; k < re.length; k++) {
            re[k] = s.re()[k] * c - s.im()[k] * sn;
            im[k] = s.re()[k] * sn + s.im()[k] * c;
        }
        return new Spectrum(re, im, s.frequencyHz(), s.hzPerPpm(), s.referencePpm());
    }

    static double rmsMagnitude(Spectrum s, PpmWindow w) {
        int[] r = s.indexRange(w.low(), w.high());
        double sum = 0;
        for (int k = r[0]; k < r[1]; k++) {
            sum += s.re()[k] * s.re()[k] + s.im()[k] * s.im()[k];
        }
        return Math.sqrt(sum / (r[1] - r[0]));
    }

    /**
     * RMS over the range of the running median of the real part: at each point the median of the points within
     * ±width/2 ppm that lie in the range (fewer at its ends). A median this wide passes the smooth part (baseline,
     * broad macromolecules, the unresolved floor of multiplets) and removes lines narrower than about half of it.
     */
    static double smoothRms(Spectrum s, PpmWindow w, double widthPpm) {
        int[] r = s.indexRange(w.low(), w.high());
        int n = r[1] - r[0];
        double ppmPerPoint = s.resolutionHz() / s.hzPerPpm();
        int half = Math.max(1, (int) Math.round(widthPpm / 2 / ppmPerPoint));
        double[] buf = new double[2 * half + 1];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int a = Math.max(0, i - half);
            int b = Math.min(n - 1, i + half);
            int m = b - a + 1;
            System.arraycopy(s.re(), r[0] + a, buf, 0, m);
            Arrays.sort(buf, 0, m);
            double med = (m % 2 == 1) ? buf[m / 2] : 0.5 * (buf[m / 2 - 1] + buf[m / 2]);
            sum += med * med;
        }
        return Math.sqrt(sum / n);
    }

    private static void requireInside(String source, String what, PpmWindow w, double referencePpm,
                                      double halfSwPpm) {
        double lo = referencePpm - halfSwPpm;
        double hi = referencePpm + halfSwPpm;
        if (w.low() < lo || w.high() > hi) {
            throw InputException.of(source, String.format(Locale.ROOT, "the %s, %.2f to %.2f ppm, is outside the"
                    + " spectral width (%.2f to %.2f ppm)", what, w.low(), w.high(), lo, hi));
        }
    }
}
