package org.purecodec.video;

/** FFmpeg's names for the ISO/IEC 23091-2 (H.264 VUI) colour code points. */
final class ColourNames {
    private ColourNames() {
    }

    static String matrix(int code) {
        switch (code) {
            case 0: return "gbr";
            case 1: return "bt709";
            case 4: return "fcc";
            case 5: return "bt470bg";
            case 6: return "smpte170m";
            case 7: return "smpte240m";
            case 8: return "ycgco";
            case 9: return "bt2020nc";
            case 10: return "bt2020c";
            default: return "unknown";
        }
    }

    static String primaries(int code) {
        switch (code) {
            case 1: return "bt709";
            case 4: return "bt470m";
            case 5: return "bt470bg";
            case 6: return "smpte170m";
            case 7: return "smpte240m";
            case 8: return "film";
            case 9: return "bt2020";
            case 10: return "smpte428";
            case 11: return "smpte431";
            case 12: return "smpte432";
            case 22: return "ebu3213";
            default: return "unknown";
        }
    }

    static String transfer(int code) {
        switch (code) {
            case 1: return "bt709";
            case 4: return "gamma22";
            case 5: return "gamma28";
            case 6: return "smpte170m";
            case 7: return "smpte240m";
            case 8: return "linear";
            case 11: return "iec61966-2-4";
            case 13: return "iec61966-2-1";
            case 14: return "bt2020-10";
            case 15: return "bt2020-12";
            case 16: return "smpte2084";
            case 18: return "arib-std-b67";
            default: return "unknown";
        }
    }
}
