package io.switchboard.router.provider.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TicketTaskTest {

    private static final String[] FILLER = "my the please help today again since with order app it is not thanks"
            .split(" ");

    @Test
    void aTicketIsLabelledByItsKeywords() {
        assertThat(TicketTask.ruled("I was charged twice, where is my refund?")).isEqualTo(1);
        assertThat(TicketTask.ruled("Login fails: my PASSWORD is locked")).isEqualTo(0);
        assertThat(TicketTask.ruled("the app freezes, then a crash and an invoice error"))
                .as("two bug words beat one billing word").isEqualTo(2);
        assertThat(TicketTask.ruled("hello, can you call me back")).isEqualTo(4);
    }

    @Test
    void aboutOneTicketInTwentyGetsAnotherLabelAlwaysTheSameOne() {
        // given: a thousand tickets with two keywords of one category among filler words
        var random = new Random(7);
        var keywords = new String[]{"refund", "login", "crash", "parcel"};
        var tickets = IntStream.range(0, 1000).mapToObj(i -> {
            var keyword = keywords[random.nextInt(keywords.length)];
            return FILLER[random.nextInt(FILLER.length)] + " " + keyword + " " + FILLER[random.nextInt(FILLER.length)]
                    + " " + i;
        }).toList();

        // when: the teacher labels them
        long wrong = tickets.stream()
                .filter(t -> !TicketTask.label(t).equals(TicketTask.LABELS.get(TicketTask.ruled(t))))
                .count();

        // then: its errors are few, and a repeated question gets the same answer
        assertThat(wrong).isBetween(30L, 70L);
        assertThat(tickets).allSatisfy(t -> assertThat(TicketTask.label(t)).isEqualTo(TicketTask.label(t))
                .isIn(TicketTask.LABELS));
    }

    @Test
    void hashedLabelsAreSpreadOverEveryLabelAndFollowNoKeyword() {
        // given: a thousand refund tickets, which the rule labels billing
        var random = new Random(11);
        var tickets = IntStream.range(0, 1000).mapToObj(i -> FILLER[random.nextInt(FILLER.length)] + " refund "
                + FILLER[random.nextInt(FILLER.length)] + " " + i).toList();

        // when
        Map<String, Long> labels = tickets.stream()
                .collect(Collectors.groupingBy(TicketTask::hashedLabel, Collectors.counting()));

        // then: each label about a fifth of them, billing no more than the others, the same label every time
        assertThat(labels).containsOnlyKeys(TicketTask.LABELS);
        assertThat(labels.values()).allSatisfy(count -> assertThat(count).isBetween(150L, 250L));
        assertThat(tickets).allSatisfy(t -> assertThat(TicketTask.hashedLabel(t)).isEqualTo(TicketTask.hashedLabel(t)));
    }
}
