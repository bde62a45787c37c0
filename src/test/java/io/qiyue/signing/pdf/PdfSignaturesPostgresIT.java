package io.qiyue.signing.pdf;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.POSTGRES)
class PdfSignaturesPostgresIT extends PdfSignaturesContract {
}
