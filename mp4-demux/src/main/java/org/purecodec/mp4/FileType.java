package org.purecodec.mp4;

import java.util.List;

/**
 * The {@code ftyp} box (ISO/IEC 14496-12 4.3).
 *
 * @param majorBrand       e.g. {@code isom}, {@code qt  }
 * @param minorVersion     brand version
 * @param compatibleBrands compatible brands in file order
 */
public record FileType(String majorBrand, long minorVersion, List<String> compatibleBrands) {
}
