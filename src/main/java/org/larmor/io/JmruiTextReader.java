package org.larmor.io;

import org.larmor.input.InputException;
import org.larmor.input.InputFiles;
import org.larmor.input.Location;
import org.larmor.signal.Fid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a jMRUI text file ({@code .txt}): the {@code Key: value} header, then each signal after its
 * {@code Signal k out of n in file} line, one point per line, the first two columns being the real and imaginary
 * FID (further columns, the FFT, are ignored). Signals are named from {@code SignalNames} ({@code a;b;}), else
 * after the file. SamplingInterval is in ms. Data are returned as stored (see {@link JmruiTextWriter} on the sign).
 */
public final class JmruiTextReader {
    private static final Pattern SIGNAL = Pattern.compile("Signal \\d+ out of \\d+ in file");

    private JmruiTextReader() {
    }

    public static ReadBasis read(Path file) {
        return parse(file.toString(), InputFile.stem(file, ".txt"), InputFile.text(file));
    }

    /**
     * As {@link #read(Path)}, conjugating every FID if {@code conjugate}: for files in the opposite sign convention
     * (e.g. written by FID-A), to bring them into Larmor's on-disk convention.
     */
    public static ReadBasis read(Path file, boolean conjugate) {
        ReadBasis r = read(file);
        if (!conjugate) {
            return r;
        }
        Map<String, Fid> fids = new LinkedHashMap<>();
        r.fids().forEach((name, fid) -> fids.put(name, fid.conjugate()));
        return ReadBasis.single(r.source(), r.spectrometerMHz(), r.dwellS(), r.echoTimeS(), fids);
    }

    /**
     * @param source file name for messages
     * @param stem   name for the signals when SignalNames is absent
     */
    public static ReadBasis parse(String source, String stem, String text) {
        String[] lines = text.split("\r?\n", -1);
        if (lines.length == 0 || !lines[0].trim().startsWith("jMRUI Data Textfile")) {
            throw new InputException(new Location(source, 1, 1), null, "not a jMRUI text file: expected the first"
                    + " line \"jMRUI Data Textfile\"");
        }
        Map<String, String> header = new HashMap<>();
        Map<String, Integer> headerLine = new HashMap<>();
        int k = 1;
        for (; k < lines.length; k++) {
            String l = lines[k].trim();
            if (SIGNAL.matcher(l).matches()) {
                break;
            }
            int colon = l.indexOf(':');
            if (colon > 0 && l.substring(0, colon).matches("\\w+")) {
                header.put(l.substring(0, colon), l.substring(colon + 1).trim());
                headerLine.put(l.substring(0, colon), k + 1);
            }
        }
        int points = (int) headerNumber(source, header, headerLine, "PointsInDataset", k);
        int count = header.containsKey("DatasetsInFile")
                ? (int) headerNumber(source, header, headerLine, "DatasetsInFile", k) : 1;
        double dwellMs = headerNumber(source, header, headerLine, "SamplingInterval", k);
        if (points < 1 || count < 1 || !(dwellMs > 0)) {
            throw new InputException(new Location(source, headerLine.getOrDefault("PointsInDataset", 1), 1), null,
                    "expected positive PointsInDataset, DatasetsInFile and SamplingInterval (ms)");
        }
        double hz = header.containsKey("TransmitterFrequency")
                ? headerNumber(source, header, headerLine, "TransmitterFrequency", k) : Double.NaN;
        List<String> names = names(header.get("SignalNames"), stem, count);

        Map<String, Fid> fids = new LinkedHashMap<>();
        for (int s = 0; s < count; s++) {
            while (k < lines.length && lines[k].isBlank()) {
                k++;
            }
            if (k >= lines.length || !SIGNAL.matcher(lines[k].trim()).matches()) {
                throw new InputException(new Location(source, Math.min(k + 1, lines.length), 1), null,
                        "expected \"Signal " + (s + 1) + " out of " + count + " in file\""
                                + (k >= lines.length ? ", but the file ends" : ", got " + InputFiles.quote(lines[k].trim())));
            }
            k++;
            double[] re = new double[points];
            double[] im = new double[points];
            for (int p = 0; p < points; p++, k++) {
                if (k >= lines.length || lines[k].isBlank()) {
                    throw new InputException(new Location(source, Math.min(k + 1, lines.length), 1), null,
                            "signal " + (s + 1) + " of " + count + " ends after " + p + " of " + points
                                    + " points (PointsInDataset)");
                }
                String[] cols = lines[k].trim().split("\\s+");
                double r = cols.length >= 2 ? Namelist.parseReal(cols[0]) : Double.NaN;
                double i = cols.length >= 2 ? Namelist.parseReal(cols[1]) : Double.NaN;
                if (Double.isNaN(r) || Double.isNaN(i)) {
                    throw new InputException(new Location(source, k + 1, 1), null, "expected two numbers (real and"
                            + " imaginary part of point " + (p + 1) + " of signal " + (s + 1) + "), got "
                            + InputFiles.quote(lines[k].trim()));
                }
                if (!Double.isFinite(r) || !Double.isFinite(i)) {
                    throw new InputException(new Location(source, k + 1, 1), null, "expected finite numbers (point "
                            + (p + 1) + " of signal " + (s + 1) + ", sample index " + p + "), got "
                            + InputFiles.quote(lines[k].trim()) + " (out of range)");
                }
                re[p] = r;
                im[p] = i;
            }
            if (fids.put(names.get(s), new Fid(re, im, dwellMs * 1e-3)) != null) {
                throw new InputException(new Location(source, headerLine.getOrDefault("SignalNames", 1), 1), null,
                        "signal name " + InputFiles.quote(names.get(s)) + " appears twice in SignalNames");
            }
        }
        return ReadBasis.single(source, hz * 1e-6, dwellMs * 1e-3, Double.NaN, fids);
    }

    private static List<String> names(String signalNames, String stem, int count) {
        List<String> names = new ArrayList<>();
        if (signalNames != null) {
            for (String n : signalNames.split(";")) {
                if (!n.isBlank()) {
                    names.add(n.trim());
                }
            }
        }
        if (names.size() != count) {
            names.clear();
            for (int k = 0; k < count; k++) {
                names.add(count == 1 ? stem : stem + "_" + (k + 1));
            }
        }
        return names;
    }

    private static double headerNumber(String source, Map<String, String> header, Map<String, Integer> lines,
                                       String key, int headerEnd) {
        String v = header.get(key);
        if (v == null) {
            throw new InputException(new Location(source, headerEnd, 1), key, "missing from the header (expected"
                    + " \"" + key + ": <number>\" before the first signal)");
        }
        double d = Namelist.parseReal(v);
        if (!Double.isFinite(d)) {
            throw new InputException(new Location(source, lines.get(key), 1), key, "expected a number, got "
                    + InputFiles.quote(v));
        }
        return d;
    }
}
