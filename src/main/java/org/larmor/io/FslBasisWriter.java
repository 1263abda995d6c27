package org.larmor.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.util.RawValue;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSpectrum;
import org.larmor.sequence.Acquisition;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one metabolite as an FSL-MRS basis JSON file (a folder of them is a basis set; Clarke WT, Stagg CJ,
 * Jbabdi S. Magn Reson Med 2021;85:2950-2964; reader {@code fsl_mrs/utils/mrs_io/fsl_io.py}):
 * <pre>
 * {"basis": {"basis_re", "basis_im" (FID, time domain), "basis_dwell" (s), "basis_centre" (MHz),
 *            "basis_width" (Lorentzian FWHM, Hz), "basis_name", "basis_nucleus"},
 *  "seq":   {"sequenceName", "description", "B0" (T), "Nucleus", "centralShift" (ppm), "Rx_Points", "Rx_SW" (Hz),
 *            "Rx_LW" (Hz), "Rx_Phase" (rad)},
 *  "meta":  {"SimVersion", "TE" (ms), ["TM" (ms)]},
 *  "larmor_provenance": {...}}
 * </pre>
 * The FID is in the on-disk convention, which is what FSL-MRS's readers expect (they conjugate it on reading into
 * FSL's internal frame). FSL ignores keys it does not know, so provenance rides along.
 */
public final class FslBasisWriter {
    /**
     * Numbers by Schubfach (Giulietti R. The Schubfach way to render doubles, 2020; jackson-core's fast double
     * writer), the shortest decimal that reads back to the same double: JDK 17's {@code Double.toString}, Jackson's
     * default, was most of the time of writing an FSL basis, and is not always the shortest (JDK-4511638). Either
     * reads back to the same FID, bit for bit.
     */
    private static final ObjectWriter JSON = new ObjectMapper().writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")))
            .with(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);

    private FslBasisWriter() {
    }

    /**
     * @param condition one of {@link BasisSet#conditions()}
     * @return UTF-8 JSON
     */
    public static byte[] write(BasisSet set, BasisSpectrum spectrum, String condition) {
        Sequence seq = set.sequence();
        Acquisition acq = seq.acquisition();
        Fid fid = spectrum.fid(condition);

        Map<String, Object> basis = new LinkedHashMap<>();
        // The FID's numbers are most of the file: formatted here into one string each (Schubfach, in Jackson's own
        // layout) instead of number by number through the generator and its pretty printer.
        basis.put("basis_re", new RawValue(TextBytes.jsonArray(fid.re())));
        basis.put("basis_im", new RawValue(TextBytes.jsonArray(fid.im())));
        basis.put("basis_dwell", fid.dwellS());
        basis.put("basis_centre", set.spectrometerMHz());
        basis.put("basis_width", acq.lorentzianFwhmHz());
        basis.put("basis_name", spectrum.name());
        basis.put("basis_nucleus", seq.nucleus().symbol());

        Map<String, Object> s = new LinkedHashMap<>();
        s.put("sequenceName", seq.name());
        s.put("description", seq.description());
        s.put("B0", seq.b0T());
        s.put("Nucleus", seq.nucleus().symbol());
        s.put("centralShift", acq.referencePpm());
        s.put("Rx_Points", acq.points());
        s.put("Rx_SW", 1.0 / fid.dwellS());
        s.put("Rx_LW", acq.lorentzianFwhmHz());
        s.put("Rx_Phase", 0.0);

        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("SimVersion", "Larmor " + set.provenance().larmorVersion());
        if (Double.isFinite(seq.timing().echoTimeS())) {
            meta.put("TE", LcmodelText.ms(seq.timing().echoTimeS()));
        }
        if (Double.isFinite(seq.timing().mixingTimeS())) {
            meta.put("TM", LcmodelText.ms(seq.timing().mixingTimeS()));
        }
        if (set.conditions().size() > 1) {
            meta.put("condition", condition);
        }

        Map<String, Object> prov = new LinkedHashMap<>(set.provenance().toMap());
        prov.put("metabolites", List.of(set.provenance().metabolite(spectrum.name())));
        prov.put("condition", condition);

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("basis", basis);
        root.put("seq", s);
        root.put("meta", meta);
        root.put("larmor_provenance", prov);
        try {
            // Straight to UTF-8: through a String the provenance's non-Latin-1 characters made the whole file,
            // mostly numbers, a UTF-16 string to encode again (the same bytes either way).
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("basis is not serialisable", e);
        }
    }
}
