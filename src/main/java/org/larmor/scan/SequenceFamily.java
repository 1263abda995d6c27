package org.larmor.scan;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sequence families a scan header can name, each the Larmor template that simulates it, and the vendor
 * sequence names that identify them. Names are matched case-insensitively, edited families first (a MEGA-PRESS is
 * also a PRESS): Siemens {@code svs_se}, {@code svs_se_30} → PRESS, {@code svs_st} → STEAM, {@code eja_svs_slaser},
 * {@code svs_slaser} → sLASER, {@code svs_edit}, {@code eja_svs_mpress} → MEGA-PRESS; GE {@code PROBE-P},
 * {@code presscsi} → PRESS, {@code PROBE-S}, {@code stesvs} → STEAM, {@code oslaser} → sLASER, {@code hbcd},
 * {@code gaba}, MEGA names → MEGA-PRESS, {@code jpress} → J-PRESS; Philips {@code scan_id} / examination names
 * containing "PRESS", "STEAM", "sLASER", "MEGA"; and anywhere "HERMES", "HERCULES".
 */
public enum SequenceFamily {
    HERCULES("hercules", "HERCULES", "hercules"),
    HERMES("hermes", "HERMES", "hermes"),
    MEGA_SLASER("mega_slaser", "MEGA-sLASER", "mega.*(s|semi)[-_ ]?laser|(s|semi)[-_ ]?laser.*mega"),
    MEGA_PRESS("mega_press", "MEGA-PRESS", "mega|svs_edit|mpress|hbcd|^gaba$"),
    JPRESS("jpress", "J-PRESS", "j[-_]?press"),
    SEMI_LASER("semi_laser", "sLASER", "(s|semi)[-_ ]?laser|oslaser"),
    STEAM("steam", "STEAM", "steam|svs_st($|[^a-z])|stesvs|probe-s"),
    PRESS("press", "PRESS", "press|svs_se($|[^a-z])|probe-p");

    private final String template;
    private final String label;
    private final Pattern pattern;

    SequenceFamily(String template, String label, String regex) {
        this.template = template;
        this.label = label;
        this.pattern = Pattern.compile(regex);
    }

    /** The Larmor template that simulates this family. */
    public String template() {
        return template;
    }

    /** The family's usual name ("MEGA-PRESS"). */
    public String label() {
        return label;
    }

    /** The family a vendor sequence or protocol name identifies, if any. */
    public static Optional<SequenceFamily> ofName(String name) {
        String n = name.toLowerCase(Locale.ROOT).trim();
        for (SequenceFamily f : values()) {
            if (f.pattern.matcher(n).find()) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The family of a template name ("mega_press"), if it is one of these. */
    public static Optional<SequenceFamily> ofTemplate(String template) {
        for (SequenceFamily f : values()) {
            if (f.template.equals(template)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The templates, for messages. */
    public static List<String> templates() {
        return java.util.Arrays.stream(values()).map(SequenceFamily::template).toList();
    }
}
