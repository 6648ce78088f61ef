package dev.eventline.infrastructure.constructs;

import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.CfnTable;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.kms.KeyProps;
import software.constructs.Construct;

/**
 * Crypto-shredding for one bounded context: a customer-managed key (rotation on) under which each
 * data subject's data key is generated, and the table holding those data keys, wrapped, one item
 * per subject ({@code subjectId}). Deleting a subject's item erases every copy of its personal data
 * (see docs/security.md). The functions address the key by its alias, as the local emulator does.
 */
public final class PersonalDataKeys extends Construct {

    public static final String PARTITION_KEY = "subjectId";
    /**
     * How long a deleted data key can still be restored from the table's point-in-time backups, and
     * so how long an erasure takes to be final: short, but long enough to undo an accident.
     */
    public static final int RECOVERY_PERIOD_DAYS = 7;

    private final Key key;
    private final Table table;
    private final String keyAlias;

    public PersonalDataKeys(Construct scope, String id, Props props) {
        super(scope, id);
        this.keyAlias = props.keyAlias();
        this.key = new Key(
                this,
                "Key",
                KeyProps.builder()
                        .alias(props.keyAlias())
                        .description("Wraps the per-subject data keys of " + props.tableName())
                        .enableKeyRotation(true)
                        .removalPolicy(props.removalPolicy())
                        .build());
        this.table = DurableTable.create(
                this,
                props.tableName(),
                Attribute.builder()
                        .name(PARTITION_KEY)
                        .type(AttributeType.STRING)
                        .build(),
                null,
                null,
                null,
                new DurableTable.Durability(props.removalPolicy(), props.deletionProtection(), key));
        ((CfnTable) table.getNode().getDefaultChild())
                .setPointInTimeRecoverySpecification(CfnTable.PointInTimeRecoverySpecificationProperty.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .recoveryPeriodInDays(RECOVERY_PERIOD_DAYS)
                        .build());
    }

    public IKey key() {
        return key;
    }

    public ITable table() {
        return table;
    }

    /** {@code alias/...}: what {@code PERSONAL_DATA_KEY} holds. */
    public String keyAlias() {
        return keyAlias;
    }

    /** Seals and erases: GenerateDataKey and Decrypt, the keys table's GetItem, conditional PutItem and DeleteItem. */
    public void grantSealAndErase(IGrantable grantee) {
        key.grant(grantee, "kms:GenerateDataKey", "kms:Decrypt");
        table.grant(grantee, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem");
    }

    /** Opens: Decrypt and the keys table's GetItem; cannot create, replace or erase a key. */
    public void grantOpen(IGrantable grantee) {
        key.grant(grantee, "kms:Decrypt");
        table.grant(grantee, "dynamodb:GetItem");
    }

    /**
     * @param tableName          physical name of the keys table (required)
     * @param keyAlias           {@code alias/...} of the CMK (required)
     * @param removalPolicy      table and key; RETAIN outside dev
     * @param deletionProtection the table's
     */
    public record Props(String tableName, String keyAlias, RemovalPolicy removalPolicy, boolean deletionProtection) {
        public Props {
            Objects.requireNonNull(tableName, "tableName");
            Objects.requireNonNull(keyAlias, "keyAlias");
            if (!keyAlias.startsWith("alias/")) {
                throw new IllegalArgumentException("keyAlias must start with alias/, was " + keyAlias);
            }
            Objects.requireNonNull(removalPolicy, "removalPolicy");
        }
    }
}
