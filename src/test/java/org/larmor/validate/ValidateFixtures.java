package org.larmor.validate;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.basis.BasisSpectrum;
import org.larmor.io.ReadBasis;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.signal.Fid;
import org.larmor.spin.SpinLibrary;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Basis sets for the validation tests: simulated once, then shifted, scaled, resampled copies of them. */
final class ValidateFixtures {
    static final SpinLibrary LIBRARY = SpinLibrary.load(Path.of("spin-systems"));
    private static BasisSet press;

    private ValidateFixtures() {
    }

    /** NAA, Cr and Ins under the shipped PRESS TE 30 ms at 2.89 T (4096 points, 4000 Hz). */
    static synchronized BasisSet press() {
        if (press == null) {
            press = BasisSimulator.simulate(LIBRARY.select("NAA,Cr,Ins"),
                    SequenceReader.read(Path.of("sequences/press-te30-3t.yaml")), null);
        }
        return press;
    }

    /** A short pulse-acquire sequence at {@code b0T}, for quick simulations with chosen sampling. */
    static Sequence pulseAcquire(double b0T, int points, double swHz, double lorentzianHz) {
        return SequenceReader.parse("sequences/pa-test.yaml", "name: pa-test\ntemplate: pulse_acquire\nb0_t: " + b0T
                + "\nacquisition: {points: " + points + ", spectral_width_hz: " + swHz + ", lorentzian_fwhm_hz: "
                + lorentzianHz + "}\n");
    }

    /** A simulated set as if read back from disk, nucleus 1H, receiver at 4.65 ppm. */
    static LoadedSpectra loaded(BasisSet set, String source) {
        Map<String, Fid> fids = new LinkedHashMap<>();
        set.spectra().forEach(s -> fids.put(s.name(), s.fid("main")));
        ReadBasis r = ReadBasis.single(source, set.spectrometerMHz(), set.dwellS(), Double.NaN, fids);
        return new LoadedSpectra(r, "memory", "1H", 4.65, null, List.of());
    }

    /** Every FID multiplied by scale·exp(−i2π·Δppm·f0·t): each line moves up by Δppm (on-disk convention). */
    static LoadedSpectra shifted(LoadedSpectra s, double deltaPpm, double scale) {
        Map<String, Map<String, Fid>> conds = new LinkedHashMap<>();
        s.data().conditions().forEach((c, m) -> {
            Map<String, Fid> out = new LinkedHashMap<>();
            m.forEach((n, f) -> out.put(n, shift(f, deltaPpm * s.spectrometerMHz(), scale)));
            conds.put(c, out);
        });
        ReadBasis r = new ReadBasis(s.source() + "-shifted", s.spectrometerMHz(), s.data().dwellS(),
                s.data().echoTimeS(), conds);
        return new LoadedSpectra(r, s.format(), s.nucleus(), s.referencePpm(), null, List.of());
    }

    static Fid shift(Fid f, double hz, double scale) {
        double[] re = new double[f.points()];
        double[] im = new double[f.points()];
        for (int k = 0; k < re.length; k++) {
            double a = -2 * Math.PI * hz * k * f.dwellS();
            double c = Math.cos(a) * scale;
            double s = Math.sin(a) * scale;
            re[k] = f.re()[k] * c - f.im()[k] * s;
            im[k] = f.re()[k] * s + f.im()[k] * c;
        }
        return new Fid(re, im, f.dwellS());
    }

    /** The same data with other metadata. */
    static LoadedSpectra with(LoadedSpectra s, String nucleus, double mhz) {
        ReadBasis r = new ReadBasis(s.source(), mhz, s.data().dwellS(), s.data().echoTimeS(), s.data().conditions());
        return new LoadedSpectra(r, s.format(), nucleus, s.referencePpm(), s.provenance(), List.of());
    }

    /** The set with every FID shifted up by Δppm and scaled, as a new BasisSet (for the writers). */
    static BasisSet transformed(BasisSet set, double deltaPpm, double scale) {
        List<BasisSpectrum> out = set.spectra().stream().map(s -> {
            Map<String, Fid> fids = new LinkedHashMap<>();
            s.fids().forEach((c, f) -> fids.put(c, shift(f, deltaPpm * set.spectrometerMHz(), scale)));
            return new BasisSpectrum(s.system(), fids, s.lines());
        }).toList();
        return new BasisSet(set.sequence(), out, set.provenance());
    }

    /**
     * Analytic lines in the on-disk convention (receiver at 4.65 ppm): Σ amplitude·exp(−i2π(δ − 4.65)·f0·t)·decay,
     * decay exp(−πLt) (Lorentzian, FWHM L Hz) or, for {@code gaussian}, exp(−(πLt)²/(4 ln 2)) (Gaussian, FWHM L).
     */
    static Fid lines(double mhz, int points, double dwellS, double fwhmHz, boolean gaussian, double[] ppm,
                     double[] amplitude) {
        double[] re = new double[points];
        double[] im = new double[points];
        for (int k = 0; k < points; k++) {
            double t = k * dwellS;
            double decay = gaussian ? Math.exp(-Math.pow(Math.PI * fwhmHz * t, 2) / (4 * Math.log(2)))
                    : Math.exp(-Math.PI * fwhmHz * t);
            for (int l = 0; l < ppm.length; l++) {
                double a = -2 * Math.PI * (ppm[l] - 4.65) * mhz * t;
                re[k] += amplitude[l] * decay * Math.cos(a);
                im[k] += amplitude[l] * decay * Math.sin(a);
            }
        }
        return new Fid(re, im, dwellS);
    }

    /** The FID plus complex white noise of standard deviation {@code sd} in each of re and im. */
    static Fid noisy(Fid f, double sd, long seed) {
        Random r = new Random(seed);
        double[] re = f.re().clone();
        double[] im = f.im().clone();
        for (int k = 0; k < re.length; k++) {
            re[k] += sd * r.nextGaussian();
            im[k] += sd * r.nextGaussian();
        }
        return new Fid(re, im, f.dwellS());
    }

    /** One-condition spectra from named FIDs, as read from disk. */
    static LoadedSpectra of(String source, double mhz, String nucleus, Map<String, Fid> fids) {
        ReadBasis r = ReadBasis.single(source, mhz, fids.values().iterator().next().dwellS(), Double.NaN, fids);
        return new LoadedSpectra(r, "memory", nucleus, 4.65, null, List.of());
    }
}
