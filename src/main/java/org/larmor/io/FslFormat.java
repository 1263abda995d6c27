package org.larmor.io;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSpectrum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * FSL-MRS: a basis set is a folder of per-metabolite JSON files (fsl_mrs/utils/mrs_io/fsl_io.py), so one folder per
 * spectrum: {@code fsl[/<spectrum>]/<Metab>.json}.
 */
public final class FslFormat implements BasisFormat {
    /** The kind of an FSL-MRS basis JSON file. */
    public static final String KIND = "fsl";
    private static final ObjectMapper JSON = new ObjectMapper();

    FslFormat() {
    }

    @Override
    public String id() {
        return "fsl";
    }

    @Override
    public String description() {
        return "FSL-MRS basis JSON, one folder per spectrum";
    }

    @Override
    public void write(BasisSet set, Staged out) throws IOException {
        for (String c : set.conditions()) {
            for (BasisSpectrum s : set.included(c)) {
                out.write("fsl/" + BasisFormat.folder(BasisFormat.part(set, c)) + s.name() + ".json",
                        () -> FslBasisWriter.write(set, s, c));
            }
        }
    }

    @Override
    public List<String> kinds() {
        return List.of(KIND);
    }

    /** By name {@code .json}; by content a JSON object with a {@code "basis"} key. */
    @Override
    public String kindOf(Path file, String lowerCaseName, byte[] head) {
        if (head == null) {
            return lowerCaseName.endsWith(".json") ? KIND : null;
        }
        String t = new String(head, StandardCharsets.ISO_8859_1);
        return t.stripLeading().startsWith("{") && t.contains("\"basis\"") ? KIND : null;
    }

    /**
     * The nucleus is {@code basis.basis_nucleus}, else {@code seq.Nucleus}; the reference {@code seq.centralShift}
     * (as FSL-MRS's basis tools write them).
     */
    @Override
    public FileReading read(Path file, String kind, double rawDwellS, Map<String, Object> provenance) {
        ReadBasis b = FslBasisReader.read(file);
        JsonNode root;
        try {
            root = JSON.readTree(InputFile.bytes(file));
        } catch (IOException e) {
            root = JSON.createObjectNode();
        }
        String nucleus = InputFile.jsonText(root.path("basis").path("basis_nucleus"));
        if (nucleus == null) {
            nucleus = InputFile.jsonText(root.path("seq").path("Nucleus"));
        }
        JsonNode c = root.path("seq").path("centralShift");
        return new FileReading(b, KIND, nucleus, c.isNumber() ? c.asDouble() : Double.NaN);
    }
}
