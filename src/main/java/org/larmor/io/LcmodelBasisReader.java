package org.larmor.io;

import org.larmor.input.InputException;
import org.larmor.signal.Fid;
import org.larmor.signal.Fourier;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an LCModel {@code .BASIS} file (ours, makebasis's, spant's, Osprey's) back to FIDs. Groups are found by
 * name, so optional ones ({@code $SEQPAR}, {@code $NMUSED}) may be present or not; the data after each
 * {@code $BASIS} are NDATAB complex values in any blank-separated E or F format ('(2E16.6)', '(6E13.5)', …).
 *
 * <p>Each spectrum becomes a FID by LCModel's own route: inverse FFT normalised by √N, i.e.
 * {@code ifft(spec)·√N}, the inverse of our writer's {@code fft(fid)/√N}; then, as LCModel does, it is rolled by
 * ISHIFT points toward higher ppm and scaled by TRAMP/(VOLUME·CONC). Encrypted basis sets (negative BADELT) cannot be
 * read.
 */
public final class LcmodelBasisReader {
    private LcmodelBasisReader() {
    }

    public static ReadBasis read(Path file) {
        return parse(file.toString(), InputFile.text(file));
    }

    /**
     * @param source file name for messages
     * @param text   the file's contents
     */
    public static ReadBasis parse(String source, String text) {
        NamelistReader r = new NamelistReader(source, text);
        Namelist seqpar = null;
        Namelist basis1 = null;
        while (basis1 == null) {
            Namelist g = r.next();
            if (g == null) {
                break;
            }
            if (g.name().equals("SEQPAR")) {
                seqpar = g;
            } else if (g.name().equals("BASIS1")) {
                basis1 = g;
            }
        }
        if (basis1 == null) {
            throw InputException.of(source, "not an LCModel basis file: no $BASIS1 group (expected $BASIS1 with"
                    + " IDBASI, FMTBAS, BADELT, NDATAB)");
        }
        double dwell = basis1.number("BADELT");
        if (dwell < 0) {
            throw basis1.error("BADELT", "negative BADELT marks an encrypted basis set, which cannot be read");
        }
        if (!(dwell > 0 && dwell < 1)) {
            throw basis1.error("BADELT", "expected the dwell time in seconds (0 < BADELT < 1), got " + dwell);
        }
        int n = basis1.integer("NDATAB");
        if (n < 1 || n > (1 << 22)) {
            throw basis1.error("NDATAB", "expected a positive number of points, got " + n);
        }
        String format = basis1.string("FMTBAS", "");
        if (!format.isEmpty() && !(format.trim().startsWith("(") && format.trim().endsWith(")"))) {
            throw basis1.error("FMTBAS", "expected a Fortran format such as '(2E16.6)', got '" + format + "'");
        }
        double mhz = seqpar != null ? seqpar.number("HZPPPM", Double.NaN) : Double.NaN;
        double echoS = seqpar != null ? seqpar.number("ECHOT", Double.NaN) * 1e-3 : Double.NaN;

        Map<String, Fid> fids = new LinkedHashMap<>();
        for (Namelist g = r.next(); g != null; g = r.next()) {
            if (!g.name().equals("BASIS")) {
                continue;
            }
            String name = g.has("METABO") ? g.string("METABO") : g.string("ID");
            double[] data = r.numbers(2 * n, n + " complex points of " + name + ", NDATAB = " + n);
            double conc = g.number("CONC", 1.0);
            double factor = g.number("TRAMP", 1.0) / (g.number("VOLUME", 1.0) * conc);
            if (!Double.isFinite(factor) || conc == 0) {
                throw g.error("CONC", "TRAMP/(VOLUME·CONC) is not a finite number");
            }
            int shift = g.has("ISHIFT") ? g.integer("ISHIFT") : 0;
            if (fids.put(name, toFid(data, n, dwell, shift, factor)) != null) {
                throw g.error("METABO", "\"" + name + "\" appears twice in the basis set");
            }
        }
        if (fids.isEmpty()) {
            throw InputException.of(source, "the basis set holds no spectrum: no $BASIS group after $BASIS1");
        }
        return ReadBasis.single(source, mhz, dwell, echoS, fids);
    }

    /** ifft(spec)·√N, after rolling by {@code shift} points toward higher ppm (lower index), times {@code factor}. */
    private static Fid toFid(double[] interleaved, int n, double dwell, int shift, double factor) {
        double[] re = new double[n];
        double[] im = new double[n];
        for (int k = 0; k < n; k++) {
            int src = Math.floorMod(k + shift, n);
            re[k] = interleaved[2 * src];
            im[k] = -interleaved[2 * src + 1];
        }
        // ifft(x) = conj(fft(conj(x)))/N; with the √N of LCModel's normalisation the factor is 1/√N.
        double[][] t = Fourier.forward(re, im);
        double s = factor / Math.sqrt(n);
        for (int k = 0; k < n; k++) {
            t[0][k] *= s;
            t[1][k] *= -s;
        }
        return new Fid(t[0], t[1], dwell);
    }
}
