"""The three demo articles, written for Stridewell by the clinic team (our own words).

Figures come from the project's domain notes (shared/domain/facts.md) and name their source.
The articles are general education, not advice for a particular person, and say so.
"""

from __future__ import annotations

from typing import TypedDict


class DemoArticle(TypedDict):
    slug: str
    title: str
    excerpt: str
    body: str
    tags: list[str]
    author_slug: str
    days_ago: int
    illustration: str
    hero_alt: str


GLUTE_MED = """
Every running stride is a short balance on one leg. At a steady marathon pace most of us take
somewhere around 170 steps a minute, so a four-hour marathon is roughly 40,000 landings, about
20,000 on each side (our own back-of-the-envelope sum, not a study). On every one of them a
fan-shaped muscle on the outside of the hip, the **gluteus medius**, has a fraction of a second
to do its job.

## What the gluteus medius does

It runs from the outer wing of the pelvis to the bony point on the outside of the top of the
thigh. When you stand on your right leg, the right gluteus medius holds the left side of your
pelvis up. Picture a spirit level across your hips: the muscle keeps the bubble in the middle
while the other leg swings through.

It also steadies the thigh so that it does not roll inwards as you land. In other words, it is
less about power and more about control, repeated thousands of times.

## What happens when it cannot keep up

When the muscle is weak, or simply tired at mile 20, the pelvis drops on the side of the
swinging leg. The thigh on the standing side then turns in and the knee drifts inside the line
of the foot. Hip and knee collapse inwards together, and the load moves to structures that
do not enjoy it.

In clinic we see this pattern most often alongside pain at the front of the knee
(patellofemoral pain) and pain on the outside of the knee (iliotibial band pain). Some figures
worth knowing:

- In a study comparing the running style of injured and uninjured runners, each extra degree
  of pelvic drop went with about 80% higher odds of being in the injured group (Bramah and
  colleagues, *American Journal of Sports Medicine*, 2018). That study looked back at people
  who were already injured, so it shows a link, not a cause.
- Distance runners with iliotibial band pain had weaker hip abduction on the painful side, and
  most were back running without pain after six weeks of gluteus medius strengthening
  (Fredericson and colleagues, *Clinical Journal of Sport Medicine*, 2000).

To be honest about the limits: a trial of 720 first-time New York marathon runners gave one
group a ten-minute hip, thigh and trunk routine three times a week. It did not change how many
failed to finish through an overuse injury (7.1% against 7.3%; Toresdahl and colleagues, *Sports
Health*, 2020), and most people managed it about twice a week. A generic routine done now and
then is not a vaccine. What we recommend instead is a test, a programme aimed at what the test
finds, and a clear rule for when to make it harder.

There is a bonus for performance too. Across 24 studies, six to twenty weeks of strength
training made runners 2 to 8% more economical (Blagrove and colleagues, *Sports Medicine*,
2018): the same pace for less effort.

## How we check it

During a running screening we watch five single-leg squats in a row and look at the trunk, the
pelvis and the knee on every repetition. We measure side-lying hip strength with a hand-held
dynamometer and, where it helps, film you running. Those three pieces tell us where on the
ladder below you should start.

## The ladder: from basic to advanced

Each rung asks a little more of the muscle, first lying down, then standing on two legs, then on
one. Move up only when the current rung is easy to do well (see the rule further down).

### Basic

1. **Clam.** Lie on your side, hips and knees bent, heels together. Open the top knee like a
   book without letting the pelvis roll backwards. It is a gentle start and a good way to learn
   where the muscle is.
2. **Banded clam.** The same movement with a mini-band just above the knees.
3. **Banded side steps.** Band around the ankles or the forefeet, sit into a half squat and step
   sideways, keeping the toes pointing forwards. The standing leg works harder than the moving
   one: in one study it reached about 52% of its maximum against 35% for the stepping leg
   (Youdas and colleagues, 2013).
4. **Banded squats.** Band around the thighs or the forefeet, and keep the knees pressing out
   against it all the way down and up. With the stiffest band around the forefeet, gluteus
   medius activity was 83% higher than in a squat without a band (Martins and colleagues,
   2022).

### Advanced

5. **Banded leg press.** Heavier loads through both legs while the band keeps the knees honest.
6. **Banded single-leg squat.** Only once you can do banded squats *holding weights* with good
   control. This is a firm rule in our programmes: the single-leg version is a big step up, and
   doing it with the knee diving in teaches the wrong pattern.
7. **Single-leg press.** One leg at a time, so the weaker side cannot hide.
8. **Split squats.** One foot forward, one back; lower straight down with the front knee over the
   middle of the foot.
9. **Step-ups.** Forwards and sideways onto a box. Both ask a lot of the gluteus medius (around 60%
   of its maximum in the studies we use) while looking a lot like running.

## When to move up, stay or step back

We use a simple rule built on the pain-monitoring approach used for tendon problems in runners
(Silbernagel and colleagues, *American Journal of Sports Medicine*, 2007):

- **Move up** when you can do three sets of fifteen with the pelvis level, the knee over the
  second toe and no leaning of the trunk, with pain during the exercise no higher than 3 out
  of 10 and no extra pain or stiffness the next morning. (Three sets of fifteen is a clinical
  habit, not a number from a trial.)
- **Stay** on the rung when pain reaches 4 or 5 out of 10 but has settled by the next morning.
- **Step back** when pain goes above 5, when the next morning is worse than usual, or when it
  creeps up from week to week.

## Fitting it into a marathon block

- **Base phase:** two sessions a week.
- **Build and peak:** one or two shorter sessions, never on the day before the long run or a key
  workout. If you must double up, run first and lift afterwards.
- **Taper:** one short session a week, with the last heavy leg session about seven to ten days
  before race day. Race week is not the time to try anything new.

*This article is general information, not a diagnosis. If your hip or knee hurts when you run,
get it assessed.*
"""

HAMSTRING = """
Proximal hamstring tendinopathy is a mouthful for a simple idea: the tendon at the very top of
the hamstrings, where they attach to the **sitting bone**, has become irritable. It is common in
distance runners, especially after more hills, more speed work or a quick rise in mileage. It
tends to creep up slowly, and because it rarely stops you running at first, it is easy to
ignore until it has been there for months.

## Warning signs

Any one of these on its own may be nothing. Several together, or one that keeps coming back,
means the tendon needs care.

1. **A deep ache right where you sit**, low in the buttock. Hard chairs, long drives and trains
   make it worse.
2. **Pain that eases as you warm up and comes back afterwards**, or stiffness there the next
   morning.
3. **Hills and speed hurt more than easy running.** Longer strides and driving the knee up load
   the tendon more.
4. **Bending forward with straight legs hurts**: putting on socks, picking something off the
   floor, a deadlift.
5. **Your stride feels shorter** on that side, or you catch yourself holding back.
6. **It is a little worse each week** even though you have not changed anything.

## When to be seen quickly

Some problems in the same area are not a grumbling tendon:

- **A sudden, sharp pain with a pop or a tearing feeling**, for example while sprinting, slipping
  or doing the splits, often followed by bruising down the back of the thigh. The tendon can
  pull away from the bone. Get assessed within days: if surgery is needed, it works best when
  done early.
- **Pins and needles, numbness or weakness down the leg**, or pain that comes with back pain,
  point towards a nerve or the lower back.
- **Night pain that wakes you, fever, or weight loss you cannot explain**: see your GP.

## What helps

The tendon gets better with the right amount of load, not with complete rest. The usual plan,
described by Goom, Malliaras, Reiman and Purdam (*Journal of Orthopaedic & Sports Physical
Therapy*, 2016), goes in stages and moves on when your symptoms allow rather than by the
calendar. Three to six months is a normal time frame.

- **Calm it down.** Steady holds with the hip nearly straight, such as a bridge hold with the
  heels a little further away than usual. Sit-bone pain during the hold should stay at 3 out of
  10 or below.
- **Build strength with the hip fairly straight.** Slow, heavy work: bridges, hamstring curls,
  hip thrusts.
- **Add hip bend gradually.** Romanian deadlifts on two legs and then one, walking lunges,
  step-ups.
- **Get springy again.** Skips, bounds, hill strides and faster running, brought back one at a
  time.

Meanwhile, take the pressure off the tendon: sit on a cushion or a folded jumper rather than a
hard seat, avoid deep hamstring stretches for now (they press the tendon against the bone), and
keep your running on the flat with a slightly shorter stride until hills stop hurting.

A simple daily check helps you judge progress. Each morning, do the same three repetitions of a
single-leg bridge and score the pain. Up to 3 out of 10 means the tendon is coping with what you
did yesterday; 4 or more means yesterday was too much, so ease off for a day or two.

*This article is general information, not a diagnosis. If the warning signs sound familiar,
book an assessment or send us a question.*
"""

SKIING = """
Runners often arrive at the ski resort with a great engine and legs that are not ready for what
skiing asks of them. Running is a long series of quick, springy contacts. Skiing is long spells
of braking in a bent-knee position, with forces coming from the side and moments where you
must react fast to stay upright. Six weeks of focused work before the trip makes the holiday
more fun and your knees happier.

## What skiing asks of your legs

- **Braking strength.** The thigh muscles work while lengthening, for minutes at a time. This is
  why the first day leaves the front of your thighs burning and stiff.
- **Side-to-side control.** Each turn loads the outside leg and pushes the knee inwards; the hip
  muscles have to hold it in line.
- **Balance and landing.** Uneven snow, bumps and the odd small jump.
- **Stamina in a squat.** Long runs are long holds in a half squat.

## The plan

Two or three short sessions a week for six weeks, on top of easier running. Keep them away from
your hardest run of the week.

{table}

### Cues that matter on the slopes too

- Keep the knee over the middle of the foot when you squat, lunge and land. Letting it drift
  inwards is the position most associated with knee injuries on skis.
- Land softly and quietly, and hold the landing for a moment before the next hop.
- On squat holds, keep your weight over the middle of the foot rather than sitting back on your
  heels.

## On the trip

- Warm up for five minutes before the first run of the day: brisk walking, leg swings, a few
  squats.
- Tired legs make sloppy turns. Stop for the day while you still have something left.
- Have your bindings set by a technician for your weight, height and ability.
- Drink more than you think you need; altitude and cold both dry you out.

## Coming back to running

A week of skiing is a big dose of a different kind of work. Ease back in with a few easy runs
before you pick up speed sessions and the long run again.

*This article is general information, not a diagnosis. If you have had a knee injury before,
we can check your strength and control before you go.*
"""

# Markdown table rows must each stay on one line, so the table is assembled here.
_SKI_TABLE = "\n".join(
    [
        "| Weeks | Focus | Examples |",
        "| --- | --- | --- |",
        "| 1 and 2 | Learn the positions | wall sit 3 × 30 s, split squats 3 × 10 each side, "
        "banded side steps 3 × 12 each way, side plank 3 × 20 s |",
        "| 3 and 4 | Load and control | slow-lowering squats (three seconds down) 4 × 8, "
        "lateral lunges 3 × 8 each side, step-downs 3 × 10, single-leg balance with eyes "
        "closed 3 × 30 s |",
        "| 5 and 6 | Speed and stamina | skater hops with a two-second hold on landing 3 × 8 "
        "each side, squat holds 4 × 45 s, hop and stick 3 × 6 each leg, hill strides |",
    ]
)
SKIING = SKIING.replace("{table}", _SKI_TABLE)

ARTICLES: tuple[DemoArticle, ...] = (
    {
        "slug": "gluteus-medius-marathon-runners",
        "title": "Why the gluteus medius matters when you train for a marathon",
        "excerpt": (
            "The muscle on the side of your hip keeps your pelvis level on every stride. When it "
            "tires, hip and knee collapse inwards. How we test it, and the ladder of exercises "
            "we use, from clams to single-leg work."
        ),
        "body": GLUTE_MED,
        "tags": ["Marathon", "Strength", "Hip and knee"],
        "author_slug": "callum-reid",
        "days_ago": 42,
        "illustration": "journal/illustrations/pelvis-level.svg",
        "hero_alt": (
            "Drawing of a runner standing on one leg with a spirit level across the hips, "
            "showing the pelvis held level."
        ),
    },
    {
        "slug": "hamstring-tendinopathy-warning-signs",
        "title": "Pain where you sit: warning signs that your hamstring tendon needs care",
        "excerpt": (
            "Proximal hamstring tendinopathy creeps up on distance runners. Six signs that the "
            "tendon needs attention, the ones that need a quick assessment, and what helps."
        ),
        "body": HAMSTRING,
        "tags": ["Hamstring", "Tendons", "Injuries"],
        "author_slug": "sofia-lindqvist",
        "days_ago": 21,
        "illustration": "journal/illustrations/hamstring.svg",
        "hero_alt": (
            "Drawing of the back of the thigh with the hamstring muscles and a highlighted spot "
            "where the tendon meets the sitting bone, next to a hard chair."
        ),
    },
    {
        "slug": "getting-fit-for-skiing",
        "title": "Getting fit for skiing: six weeks for runners",
        "excerpt": (
            "A running engine is a great start, but skiing asks for braking strength, "
            "side-to-side control and stamina in a squat. A six-week plan to get your legs ready."
        ),
        "body": SKIING,
        "tags": ["Skiing", "Strength"],
        "author_slug": "priya-raman",
        "days_ago": 7,
        "illustration": "journal/illustrations/ski-slope.svg",
        "hero_alt": "Drawing of a skier turning on a snowy slope below mountain peaks.",
    },
)

# (article slug, name, e-mail, text, status, hours after publication, reply to index or None,
#  from the clinic)
COMMENTS = (
    (
        "gluteus-medius-marathon-runners",
        "Hannah",
        "hannah.demo@example.com",
        "I had outside-of-knee pain through my whole Manchester block last spring. Side steps "
        "with the band at my feet were the first thing that made a difference. Wish I had "
        "started earlier!",
        "approved",
        20,
        None,
        False,
    ),
    (
        "gluteus-medius-marathon-runners",
        "Dev",
        "dev.demo@example.com",
        "How do I know when my banded weighted squats count as 'good control'? I can do the "
        "reps but my left knee wobbles on the last few.",
        "approved",
        30,
        None,
        False,
    ),
    (
        "gluteus-medius-marathon-runners",
        "",
        "",
        "Good question, Dev. A wobble only on the last few reps usually means you are close: "
        "stay on that rung and aim for every rep to look like the first. Filming yourself from "
        "the front helps. If the knee keeps drifting in, we can check it at a screening.",
        "approved",
        34,
        1,
        True,
    ),
    (
        "hamstring-tendinopathy-warning-signs",
        "Marek",
        "marek.demo@example.com",
        "The hard chair one is so true. My office chair was making mine worse; a cushion and "
        "fewer hill reps and it has settled a lot in six weeks.",
        "approved",
        12,
        None,
        False,
    ),
    (
        "getting-fit-for-skiing",
        "Ola",
        "ola.demo@example.com",
        "Going to Austria in February. Can I keep doing my marathon long runs while doing "
        "this plan, or is that too much?",
        "pending",
        5,
        None,
        False,
    ),
)
