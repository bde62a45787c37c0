package io.qiyue.signing.pdf;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class PdfSignaturesH2IT extends PdfSignaturesContract {
}
