package org.purecodec.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConformanceSuiteTest {
    @Test
    void csvSplitHonoursQuotes() {
        assertEquals(java.util.List.of("a", "b,c", "d\"e", ""), ConformanceSuite.Csv.split("a,\"b,c\",\"d\"\"e\","));
    }

    @Test
    void vectorsAndTheirChecksumsAreReadable() {
        Optional<ConformanceSuite> suite = ConformanceSuite.find();
        assumeTrue(suite.isPresent(), "../shared/conformance not present");
        assertTrue(suite.get().vectors().size() >= 40);
        for (ConformanceSuite.Vector v : suite.get().vectors()) {
            assertTrue(Files.isRegularFile(v.file()), v.file().toString());
            assertEquals(v.frames(), v.frameMd5().size(), v + ": frames in csv vs framemd5");
        }
    }
}
