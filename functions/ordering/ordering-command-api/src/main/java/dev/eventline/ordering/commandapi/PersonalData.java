package dev.eventline.ordering.commandapi;

import dev.eventline.http.HttpRequest;
import dev.eventline.http.HttpResponse;
import dev.eventline.http.ProblemException;
import dev.eventline.ordering.application.OrderAccess;
import dev.eventline.personaldata.PersonalDataVault;
import java.util.Optional;

/**
 * The command side of crypto-shredding: seals a customer's contact before it becomes part of a
 * command, and erases a customer by deleting their data key ({@code DELETE
 * /customers/{customerId}/personal-data}). The events stay; every copy of the contact, wherever it
 * went, stops opening.
 */
final class PersonalData {
    private final Optional<PersonalDataVault> vault;

    /** @param vault empty when the function has no personal-data key: contact details are then refused */
    PersonalData(Optional<PersonalDataVault> vault) {
        this.vault = vault;
    }

    /** One seal per command: a session, so no unwrapped key outlives the request. */
    String seal(String customerId, String contact) {
        return vault().session().seal(customerId, contact).text();
    }

    HttpResponse erase(HttpRequest request) {
        String customerId = request.pathParam("customerId");
        authorize(request, customerId);
        vault().erase(customerId);
        // 204 whether or not a key existed: erasure is idempotent, and the answer must not tell
        // a caller whether someone is a customer
        return HttpResponse.noContent();
    }

    /** Who may erase a customer is the ordering access policy's rule; checked before anything is deleted. */
    private static void authorize(HttpRequest request, String customerId) {
        if (OrderRoutes.access(request).erasePersonalData(customerId) != OrderAccess.Outcome.ALLOWED) {
            throw ProblemException.forbidden(
                    OrderAccess.STAFF_SCOPE, "only the customer or staff erase a customer's personal data");
        }
    }

    private PersonalDataVault vault() {
        return vault.orElseThrow(() -> new IllegalStateException("no personal-data key configured ("
                + PersonalDataVault.MASTER_KEY_VARIABLE + ", " + PersonalDataVault.KEYS_TABLE_VARIABLE
                + "): personal data is refused rather than stored in clear"));
    }
}
