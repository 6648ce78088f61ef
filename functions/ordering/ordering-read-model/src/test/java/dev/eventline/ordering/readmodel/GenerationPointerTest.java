package dev.eventline.ordering.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GenerationPointerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final ReadModelTables BASE = new ReadModelTables("summary", "by-customer", "daily");

    @Test
    void a_table_that_never_saw_a_rebuild_reads_and_writes_generation_1_which_is_the_templates_tables() {
        assertThat(GenerationPointer.INITIAL.written()).containsExactly(1L);
        assertThat(BASE.generation(1)).isEqualTo(BASE);
    }

    @Test
    void a_generation_after_the_first_suffixes_the_per_order_tables_and_keeps_daily_sales() {
        assertThat(BASE.generation(3)).isEqualTo(new ReadModelTables("summary-g3", "by-customer-g3", "daily"));
        assertThatThrownBy(() -> BASE.generation(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void while_building_and_while_retiring_the_projector_writes_both_generations_and_readers_read_the_live_one() {
        GenerationPointer building = GenerationPointer.INITIAL.startBuilding(GenerationPointer.INITIAL.next());
        assertThat(building.live()).isEqualTo(1);
        assertThat(building.written()).containsExactly(1L, 2L);
        assertThat(building.version()).isEqualTo(1);

        GenerationPointer switched = building.switchTo(2, NOW.plusSeconds(900));
        assertThat(switched.live()).isEqualTo(2);
        assertThat(switched.written()).containsExactly(2L, 1L);
        assertThat(switched.retirable(NOW)).isFalse();
        assertThat(switched.retirable(NOW.plusSeconds(900))).isTrue();

        GenerationPointer retired = switched.retired();
        assertThat(retired.written()).containsExactly(2L);
        assertThat(retired.next()).isEqualTo(3);
        assertThat(retired.version()).isEqualTo(3);
    }
}
