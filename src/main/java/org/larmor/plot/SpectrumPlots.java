package org.larmor.plot;

import org.larmor.signal.Fid;
import org.larmor.signal.Spectrum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plots of MR spectra on the ppm axis (drawn decreasing from left to right), built from FIDs in the on-disk
 * convention: basis spectra stacked or overlaid, a spectrum with its components, and pulse profiles on a Hz axis.
 * Spectra are {@link Spectrum#of} (first point halved, scaled by the dwell time), zero-filled to at least twice the
 * FID's length for smooth lines.
 */
public final class SpectrumPlots {
    private SpectrumPlots() {
    }

    /**
     * One FID's spectrum as a series on the ppm axis, restricted to [ppmLow, ppmHigh] (both NaN: the whole spectrum).
     *
     * @param hzPerPpm     spectrometer frequency in MHz (= Hz/ppm)
     * @param referencePpm shift at the receiver frequency (0 Hz)
     */
    public static Series series(String name, Fid fid, double hzPerPpm, double referencePpm, SpectrumPart part,
                                double ppmLow, double ppmHigh) {
        int n = Integer.highestOneBit(Math.max(2 * fid.points() - 1, 2)) << 1;
        Spectrum s = Spectrum.of(fid, hzPerPpm, referencePpm, Math.max(n, 2 * fid.points()));
        double[] v = part.of(s);
        double lo = Double.isNaN(ppmLow) ? Double.NEGATIVE_INFINITY : Math.min(ppmLow, ppmHigh);
        double hi = Double.isNaN(ppmHigh) ? Double.POSITIVE_INFINITY : Math.max(ppmLow, ppmHigh);
        List<Integer> keep = new ArrayList<>();
        for (int k = 0; k < s.points(); k++) {
            double p = s.ppm(k);
            if (p >= lo && p <= hi) {
                keep.add(k);
            }
        }
        double[] x = new double[keep.size()];
        double[] y = new double[keep.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = s.ppm(keep.get(i));
            y[i] = v[keep.get(i)];
        }
        return new Series(name, x, y);
    }

    /**
     * Basis spectra, one series per metabolite in map order, on the ppm axis between {@code ppmLow} and
     * {@code ppmHigh} (NaN, NaN: the whole spectral width).
     */
    public static Plot basis(String title, Map<String, Fid> fids, double hzPerPpm, double referencePpm,
                             SpectrumPart part, Layout layout, double ppmLow, double ppmHigh) {
        List<Series> series = new ArrayList<>();
        fids.forEach((name, fid) -> series.add(series(name, fid, hzPerPpm, referencePpm, part, ppmLow, ppmHigh)));
        Plot p = new Plot(title, Axis.PPM, axisLabel(part), series, layout, Double.NaN, Double.NaN, false);
        return Double.isNaN(ppmLow) ? p : p.withRange(ppmLow, ppmHigh);
    }

    /**
     * A spectrum (drawn in heavier black) overlaid with its components (a synthetic spectrum's metabolites,
     * macromolecules, baseline, noise), all from FIDs on the same axis.
     */
    public static Plot withComponents(String title, String totalName, Fid total, Map<String, Fid> components,
                                      double hzPerPpm, double referencePpm, SpectrumPart part, double ppmLow,
                                      double ppmHigh) {
        List<Series> series = new ArrayList<>();
        series.add(series(totalName, total, hzPerPpm, referencePpm, part, ppmLow, ppmHigh));
        components.forEach((name, fid) -> series.add(series(name, fid, hzPerPpm, referencePpm, part, ppmLow,
                ppmHigh)));
        Plot p = new Plot(title, Axis.PPM, axisLabel(part), series, Layout.OVERLAID, Double.NaN, Double.NaN, true);
        return Double.isNaN(ppmLow) ? p : p.withRange(ppmLow, ppmHigh);
    }

    /**
     * A pulse's frequency profile: one curve per quantity (Mz, |Mxy|, …) against offset in Hz, increasing to the
     * right.
     *
     * @param offsetsHz offsets from the pulse's carrier, Hz
     * @param curves    quantity name → value at each offset (same length as offsetsHz)
     * @param yLabel    what the curves are, e.g. "Magnetisation (M0)"
     */
    /**
     * A pulse's profile at its calibrated B1: |Mxy| and Mz from equilibrium, and the profile its bandwidth is
     * measured on (excitation, inversion or refocusing), against the frequency offset from the carrier.
     */
    public static Plot pulseProfile(org.larmor.rf.PulseSummary s) {
        org.larmor.rf.Profile p = s.profile();
        double[] mxy = new double[p.size()];
        double[] mz = new double[p.size()];
        for (int i = 0; i < p.size(); i++) {
            org.larmor.rf.Magnetisation m = p.fromEquilibrium(i);
            mxy[i] = Math.hypot(m.x(), m.y());
            mz[i] = m.z();
        }
        Map<String, double[]> curves = new java.util.LinkedHashMap<>();
        curves.put("|Mxy| from equilibrium", mxy);
        curves.put("Mz from equilibrium", mz);
        curves.put(s.kind().name().toLowerCase(java.util.Locale.ROOT) + " profile", p.values(s.kind()));
        String title = s.shape().name() + String.format(java.util.Locale.ROOT, ", %.2f ms, %.0f°, B1max %.0f Hz",
                s.durationS() * 1e3, Math.toDegrees(s.flipRad()), s.calibration().b1MaxHz());
        return profile(title, p.offsetsHz(), curves, "magnetisation");
    }

    public static Plot profile(String title, double[] offsetsHz, Map<String, double[]> curves, String yLabel) {
        List<Series> series = new ArrayList<>();
        curves.forEach((name, v) -> series.add(new Series(name, offsetsHz, v)));
        return Plot.of(title, Axis.HZ, yLabel, series);
    }

    /** The y-axis label for a part of a spectrum: "Real part (a.u.)" and so on. */
    public static String axisLabel(SpectrumPart part) {
        return switch (part) {
            case REAL -> "Real part (a.u.)";
            case IMAGINARY -> "Imaginary part (a.u.)";
            case MAGNITUDE -> "Magnitude (a.u.)";
        };
    }
}
