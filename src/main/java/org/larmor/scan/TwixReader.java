package org.larmor.scan;

import org.larmor.input.InputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Best effort on a Siemens twix raw file ({@code meas_*.dat}): the text protocol inside its binary header, never its
 * data. Layout (as read by mapVBVD and spec2nii's twix reader, pyMapVBVD {@code twixprot}): VB files start with the
 * header length (uint32, little-endian) and the header follows; VD/VE files start with two uint32 (0, the number of
 * measurements) and a table of 152-byte entries (measurement id, file id, offset uint64, length uint64, patient,
 * protocol), each measurement starting with its own header length; the last is the imaging scan. Only that header
 * is read (at most {@value ScanFiles#MAX_HEADER_BYTES} bytes), whatever the file's size.
 *
 * <p>From the ASCII protocol ({@code ### ASCCONV BEGIN ###} … {@code ### ASCCONV END ###}): {@code alTE[0]},
 * {@code alTR[0]} (µs), {@code sTXSPEC.asNucleusInfo[0].lFrequency} (Hz), {@code …tNucleus},
 * {@code sRXSPEC.alDwellTime[0]} (ns; the protocol's dwell, without the readout oversampling),
 * {@code sSpecPara.lVectorSize} (points, likewise), {@code sProtConsistencyInfo.flNominalB0} (T),
 * {@code tSequenceFileName}, {@code tProtocolName}; and {@code <ParamString."Manufacturer">} from the XProtocol.
 * TE1/TE2 splits and mixing times are not in the standard protocol: they come from a preset or the user.
 */
final class TwixReader {
    private static final Pattern ASCCONV = Pattern.compile("### ASCCONV BEGIN[^\\n]*\\n(.*?)### ASCCONV END",
            Pattern.DOTALL);
    private static final Pattern MANUFACTURER = Pattern.compile("<ParamString\\.\"Manufacturer\">\\s*\\{\\s*\"([^\"]*)\"");

    private TwixReader() {
    }

    static ScanHeader read(Path file) {
        String src = file.toString();
        long size = ScanFiles.check(file);
        byte[] start = ScanFiles.read(file, 0, 16);
        if (start.length < 8) {
            throw InputException.of(src, "too short for a Siemens twix file (" + start.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN);
        long first = b.getInt(0) & 0xffffffffL;
        long second = b.getInt(4) & 0xffffffffL;
        long offset;
        String layout;
        if (first == 0 && second >= 1 && second <= 64) {
            byte[] table = ScanFiles.read(file, 8, (int) (152 * second));
            if (table.length < 152 * second) {
                throw InputException.of(src, "byte 8: the VD/VE measurement table of " + second + " entries is"
                        + " truncated");
            }
            offset = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN).getLong((int) (152 * (second - 1) + 8));
            layout = "Siemens twix (VD/VE, measurement " + second + " of " + second + ")";
        } else {
            offset = 0;
            layout = "Siemens twix (VB)";
        }
        if (offset < 0 || offset + 4 > size) {
            throw InputException.of(src, "the measurement header offset " + offset + " lies outside the file ("
                    + size + " bytes): not a twix file, or truncated");
        }
        long hdrLen = ByteBuffer.wrap(ScanFiles.read(file, offset, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt(0)
                & 0xffffffffL;
        if (hdrLen < 8) {
            throw InputException.of(src, "byte " + offset + ": header length " + hdrLen + ": not a twix file");
        }
        String text = new String(ScanFiles.read(file, offset, (int) Math.min(hdrLen, ScanFiles.MAX_HEADER_BYTES)),
                StandardCharsets.ISO_8859_1);
        Matcher m = ASCCONV.matcher(text);
        if (!m.find()) {
            throw InputException.of(src, "no ASCII protocol (### ASCCONV BEGIN ###) in the first "
                    + Math.min(hdrLen, ScanFiles.MAX_HEADER_BYTES) + " header bytes at byte " + offset
                    + ": not a Siemens twix file, or its layout is not one Larmor reads (VB, VD, VE)");
        }
        Map<String, String[]> kv = new LinkedHashMap<>();
        int line0 = 1;
        String[] lines = m.group(1).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            int hash = l.indexOf('#');
            if (hash >= 0) {
                l = l.substring(0, hash);
            }
            int eq = l.indexOf('=');
            if (eq > 0) {
                kv.putIfAbsent(l.substring(0, eq).trim(), new String[] {l.substring(eq + 1).trim(),
                    String.valueOf(line0 + i)});
            }
        }
        Map<HeaderField, ScanHeader.Stated> v = new EnumMap<>(HeaderField.class);
        List<String> notes = new ArrayList<>();
        ScanText.putNumber(kv, src + " (ASCCONV)", "alTE[0]", 1e-6, "µs", HeaderField.TE_S, v);
        ScanText.putNumber(kv, src + " (ASCCONV)", "alTR[0]", 1e-6, "µs", HeaderField.TR_S, v);
        ScanText.putNumber(kv, src + " (ASCCONV)", "sTXSPEC.asNucleusInfo[0].lFrequency", 1, "Hz", HeaderField.SPECTROMETER_HZ, v);
        ScanText.putNumber(kv, src + " (ASCCONV)", "sRXSPEC.alDwellTime[0]", 1e-9, "ns", HeaderField.DWELL_S, v);
        ScanText.putNumber(kv, src + " (ASCCONV)", "sProtConsistencyInfo.flNominalB0", 1, "T", HeaderField.B0_T, v);
        ScanText.putCount(kv, src, "sSpecPara.lVectorSize", HeaderField.POINTS, v);
        ScanText.putText(kv, "sTXSPEC.asNucleusInfo[0].tNucleus", HeaderField.NUCLEUS, v);
        String[] seq = kv.get("tSequenceFileName");
        if (seq != null) {
            String s = ScanText.unquote(seq[0]);
            String base = s.substring(Math.max(s.lastIndexOf('\\'), s.lastIndexOf('/')) + 1);
            if (!base.isEmpty()) {
                v.put(HeaderField.SEQUENCE_NAME, new ScanHeader.Stated(base, "tSequenceFileName = " + s));
            }
        }
        ScanText.putText(kv, "tProtocolName", HeaderField.PROTOCOL_NAME, v);
        Matcher mm = MANUFACTURER.matcher(text);
        v.put(HeaderField.MANUFACTURER, mm.find() && !mm.group(1).isBlank()
                ? new ScanHeader.Stated(mm.group(1).trim(), "<ParamString.\"Manufacturer\">")
                : new ScanHeader.Stated("Siemens", "the twix format, Siemens' raw data"));
        notes.add("twix: TE1/TE2 and the mixing time are not in the standard protocol (ASCCONV)");
        return new ScanHeader(file, layout, v, notes);
    }

}
