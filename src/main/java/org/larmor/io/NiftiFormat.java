package org.larmor.io;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSpectrum;
import org.larmor.sequence.Sequence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NIfTI-MRS: one file per metabolite holding every acquired spectrum, the conditions on DIM_EDIT and the indirect
 * dimension (if any) after them, and one file per metabolite and combination (over the indirect dimension only):
 * <pre>
 * nifti/&lt;Metab&gt;.nii.gz                  dim 5 DIM_EDIT (several conditions), then the indirect dimension
 * nifti/&lt;combination&gt;/&lt;Metab&gt;.nii.gz    the indirect dimension (if any) on dim 5
 * </pre>
 * NIfTI-MRS has dimension tags for both (specification §2.3, DIM_EDIT, DIM_INDIRECT_0, DIM_USER_0), so fitting
 * tools that read edited or 2-D data get them in one file, as spec2nii writes scanner data. A combination file is
 * not written for a metabolite whose signal cancels at every increment of it.
 */
public final class NiftiFormat implements BasisFormat {
    /** The kind of a NIfTI-MRS file. */
    public static final String KIND = "nifti";
    private static final ObjectMapper JSON = new ObjectMapper();

    NiftiFormat() {
    }

    @Override
    public String id() {
        return "nifti";
    }

    @Override
    public String description() {
        return "NIfTI-MRS .nii.gz per metabolite, conditions on DIM_EDIT, increments on the indirect dimension";
    }

    @Override
    public void write(BasisSet set, Staged out) throws IOException {
        Sequence seq = set.sequence();
        List<String> conditions = seq.conditions();
        for (BasisSpectrum s : set.spectra()) {
            if (includedSomewhere(set, s, conditions)) {
                out.write("nifti/" + s.name() + ".nii.gz",
                        () -> NiftiMrsWriter.gzip(NiftiMrsWriter.write(set, s, conditions)));
            }
        }
        for (Sequence.Combination c : seq.combinations()) {
            List<String> one = List.of(c.name());
            for (BasisSpectrum s : set.spectra()) {
                if (includedSomewhere(set, s, one)) {
                    out.write("nifti/" + c.name().toLowerCase(Locale.ROOT) + "/" + s.name() + ".nii.gz",
                            () -> NiftiMrsWriter.gzip(NiftiMrsWriter.write(set, s, one)));
                }
            }
        }
    }

    /** True if {@code s} is included in the spectrum of one of {@code sources} at some increment. */
    private static boolean includedSomewhere(BasisSet set, BasisSpectrum s, List<String> sources) {
        Sequence seq = set.sequence();
        for (String src : sources) {
            for (int i = 0; i < seq.increments(); i++) {
                if (containsSame(set.included(seq.spectrumName(src, i)), s)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True if {@code list} holds {@code s} itself. {@code s} is one of the set's own spectra, so identity is the
     * question; {@code List.contains} would ask the record's {@code equals}, whose first call bootstraps
     * {@code java.lang.runtime.ObjectMethods}: about 45 method-handle classes spun by the JDK's internal ASM, some
     * 50 ms of the main thread in a cold run of several metabolites, while it is still handing the writers their
     * files (the one-metabolite run that trains the launcher's CDS archive never gets there: it finds its only
     * element by {@code ==}, so none of it is archived).
     */
    private static boolean containsSame(List<BasisSpectrum> list, BasisSpectrum s) {
        for (BasisSpectrum t : list) {
            if (t == s) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<String> kinds() {
        return List.of(KIND);
    }

    /** By name {@code .nii} or {@code .nii.gz}; by content the NIfTI-1 ({@code n+1}) or NIfTI-2 magic. */
    @Override
    public String kindOf(Path file, String lowerCaseName, byte[] head) {
        if (head == null) {
            return lowerCaseName.endsWith(".nii") || lowerCaseName.endsWith(".nii.gz") ? KIND : null;
        }
        return head.length >= 348 && (InputFile.startsWith(head, 344, "n+1") || InputFile.startsWith(head, 4, "n+2"))
                ? KIND : null;
    }

    /**
     * User key (an object with "Value" and "Description") in which Larmor states the receiver reference (ppm at
     * 0 Hz), which NIfTI-MRS has no standard key for.
     */
    public static final String RECEIVER_REFERENCE_KEY = "LarmorReceiverReference";

    /**
     * The nucleus is the header extension's {@code ResonantNucleus}; the receiver reference is Larmor's
     * {@link #RECEIVER_REFERENCE_KEY} if the file has it (NIfTI-MRS states none).
     */
    @Override
    public FileReading read(Path file, String kind, double rawDwellS, Map<String, Object> provenance) {
        ReadBasis b = NiftiMrsReader.read(file);
        JsonNode json = headerJson(file);
        // NIfTI-MRS has no standard key for it; Larmor's files state it in a user key.
        JsonNode ref = json.path(RECEIVER_REFERENCE_KEY).path("Value");
        return new FileReading(b, KIND, InputFile.jsonText(json.path("ResonantNucleus").path(0)),
                ref.isNumber() && Double.isFinite(ref.asDouble()) ? ref.asDouble() : Double.NaN);
    }

    /** The JSON of a NIfTI-MRS file's first ecode-44 extension (the reader has already checked it). */
    private static JsonNode headerJson(Path file) {
        byte[] bytes = InputFile.bytes(file);
        NiftiHeader h = NiftiHeader.parse(file.toString(), bytes);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(h.order());
        long at = h.size() + 4L;
        while (at + 8 <= h.voxOffset() && at + 8 <= bytes.length) {
            int esize = b.getInt((int) at);
            int ecode = b.getInt((int) at + 4);
            if (esize < 8 || at + esize > bytes.length) {
                break;
            }
            if (ecode == 44) {
                int end = (int) (at + esize);
                while (end > at + 8 && bytes[end - 1] == 0) {
                    end--;
                }
                try {
                    return JSON.readTree(new String(bytes, (int) at + 8, end - (int) at - 8, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    break;
                }
            }
            at += esize;
        }
        return JSON.createObjectNode();
    }
}
