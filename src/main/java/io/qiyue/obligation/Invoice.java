package io.qiyue.obligation;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.qiyue.shared.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An invoice we issued to the customer (发票). {@code amount} is the total including tax (价税合计);
 * {@code tax} = amount × rate ÷ (100 + rate), HALF_UP to the fen. {@code obligationId}: the instalment it bills,
 * if it bills one. The number is unique per our signing entity.
 */
public record Invoice(String id, String contractId, String obligationId, String number, LocalDate issuedOn,
                      Money amount, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal taxRatePercent, Money tax,
                      String note, Instant createdAt, String createdBy, int version) {
}
