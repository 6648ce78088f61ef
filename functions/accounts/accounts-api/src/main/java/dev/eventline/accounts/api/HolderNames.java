package dev.eventline.accounts.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.accounts.application.AccountAccess;
import dev.eventline.http.HttpRequest;
import dev.eventline.http.HttpResponse;
import dev.eventline.http.ProblemException;
import dev.eventline.personaldata.PersonalDataVault;
import dev.eventline.personaldata.SealedToken;
import java.util.Optional;
import java.util.function.Function;

/**
 * Crypto-shredding of the account holder's name, as ordering does it for a customer's contact: the
 * name is sealed under the owner's data key before the command exists ({@link #seal}), opened for
 * the reader of one request ({@link #reader}), and made unreadable everywhere by deleting the owner's
 * key ({@code DELETE /owners/{ownerId}/personal-data}, {@link #erase}). The data subject is the owner
 * id, i.e. the JWT subject of the account's owner. Events, the idempotency record, the inline balance
 * view, the owner list and snapshots only ever hold the token.
 */
final class HolderNames {
    /** A person's name as an account is held; long enough for any real one, capped for the request. */
    static final int MAX_LENGTH = 200;

    private final Optional<PersonalDataVault> vault;

    /** @param vault empty when the function has no personal-data key: holder names are then refused */
    HolderNames(Optional<PersonalDataVault> vault) {
        this.vault = vault;
    }

    /** One seal per command: a session, so no unwrapped key outlives the request. */
    String seal(String ownerId, String name) {
        return vault().session().seal(ownerId, name).text();
    }

    /**
     * Opens holder tokens for one request: a session, so the owner's key is fetched and unwrapped at
     * most once per request (a list of one owner's accounts costs one {@code GetItem} and one
     * {@code Decrypt}) and never kept beyond it.
     */
    Function<String, Optional<String>> reader() {
        if (vault.isEmpty()) {
            return token -> {
                throw new IllegalStateException("a sealed holder name, but no personal-data key configured");
            };
        }
        PersonalDataVault.Session session = vault.get().session();
        return token -> session.open(SealedToken.parse(token)
                .orElseThrow(() -> new IllegalStateException("the account's holder is not a sealed token")));
    }

    /**
     * Adds {@code holderName} (opened, or {@value PersonalDataVault#ERASED}) and {@code holderErased}
     * to an account's JSON when it has a holder; nothing when it has none.
     */
    static void show(ObjectNode json, String token, Function<String, Optional<String>> reader) {
        if (token == null) {
            return;
        }
        Optional<String> name = reader.apply(token);
        json.put("holderName", name.orElse(PersonalDataVault.ERASED));
        json.put("holderErased", name.isEmpty());
    }

    HttpResponse erase(HttpRequest request) {
        String ownerId = request.pathParam("ownerId");
        if (AccountQueries.access(request).erasePersonalData(ownerId) != AccountAccess.Outcome.ALLOWED) {
            throw ProblemException.forbidden(
                    AccountAccess.STAFF_SCOPE, "only the owner or staff erase an owner's personal data");
        }
        vault().erase(ownerId);
        // 204 whether or not a key existed: erasure is idempotent, and the answer must not tell a
        // caller whether someone holds an account
        return HttpResponse.noContent();
    }

    private PersonalDataVault vault() {
        return vault.orElseThrow(() -> new IllegalStateException("no personal-data key configured ("
                + PersonalDataVault.MASTER_KEY_VARIABLE + ", " + PersonalDataVault.KEYS_TABLE_VARIABLE
                + "): personal data is refused rather than stored in clear"));
    }
}
