package io.tixing.lender;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.util.Map;

/** Placeholder until the lender-event outbox is wired: events are recorded by their callers in the contact log. */
@ApplicationScoped
@DefaultBean
public class ContactLogOnlyEvents implements LenderEvents {
    @Override
    public void emit(Connection c, String type, String borrowerId, String loanId, Map<String, Object> payload) {
        // delivery to the lender's callback URL is wired with the lender-event outbox
    }
}
