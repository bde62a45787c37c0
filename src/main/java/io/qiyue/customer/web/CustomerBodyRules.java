package io.qiyue.customer.web;

import io.qiyue.customer.CustomerInput;
import io.qiyue.customer.Customers;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.web.BodyRules;
import org.springframework.stereotype.Component;

import java.util.List;

/** A new customer's body with a value that could not be read: the rest is checked as a save would check it. */
@Component
class CustomerBodyRules implements BodyRules<CustomerInput> {
    private final Customers customers;

    CustomerBodyRules(Customers customers) {
        this.customers = customers;
    }

    @Override
    public Class<CustomerInput> type() {
        return CustomerInput.class;
    }

    @Override
    public List<FieldViolation> problems(String id, CustomerInput input) {
        return customers.problems(id, input);
    }
}
