"""Small hand-made lists of English and Arabic function words.

Used to leave function words out of the overlap scores of
:mod:`summarizer.faithfulness.attribution` and out of the name checks of
:mod:`summarizer.faithfulness.facts`. English words are lowercase; Arabic words are
written as :func:`summarizer.faithfulness.wordforms.normalize_arabic` leaves them (bare
alef, ``ه`` for ``ة``, ``ي`` for ``ى``). The lists are short on purpose: they
hold words that carry no fact, not every frequent word.
"""

from __future__ import annotations

import re

from .wordforms import normalize_arabic

__all__ = ["ARABIC_DIALECT_WORDS", "ARABIC_FUNCTION_WORDS", "ENGLISH_STOPWORDS", "ENGLISH_CAPITALISED_COMMON", "is_page_furniture"]

# Links and prompts of a news page that end up in its summary ("CLICK HERE to
# watch", "READ MORE: ...", "Scroll down for video"): no fact to check. The
# Arabic "watch" prompt needs what to watch: "شاهد أكثر من 20 مليون شخص ..."
# ("more than 20 million people watched") is a statement.
_FURNITURE = re.compile(
    r"^\W*(click here|read more|scroll down|watch (the )?video|see more|more:|related:|advertisement|"
    r"follow us|share this|اضغط هنا|انقر هنا|اقرأ أيضا|اقرأ أيضاً|شاهد(?=\s*:)|شاهد (بال|ال|ب)?(فيديو|صور|المزيد|أيضا)|تابعونا)\b",
    re.IGNORECASE,
)


def is_page_furniture(sentence: str) -> bool:
    """Whether a sentence is a link or prompt of the page (``CLICK HERE ...``, ``READ MORE ...``), not a statement."""
    return _FURNITURE.match(sentence) is not None

ENGLISH_STOPWORDS = frozenset(
    """a an the and or but nor so yet if then than that this these those there here
    i me my we us our you your he him his she her it its they them their who whom whose
    which what when where why how all any both each every few more most other some such
    no not only own same too very can will just should would could may might must shall
    do does did doing done be is am are was were been being have has had having
    of at by for with about against between into through during before after above below
    to from up down in out on off over under again further once as until while per via
    also however meanwhile according said says say told tell including since among
    because although though whether within without upon onto towards toward around
    one ones another many much several
    """.split()
)

# Capitalised words that open sentences or headlines and are not names.
ENGLISH_CAPITALISED_COMMON = ENGLISH_STOPWORDS | frozenset(
    """mr mrs ms dr prof sir madam st
    yesterday today tomorrow tonight last next earlier later now then still even
    officials official police authorities experts researchers scientists residents
    people government president minister ministry prime leader leaders
    according however moreover furthermore meanwhile nevertheless instead overall
    although despite following after before during while since until
    it's he's she's they're we're there's that's let's
    yes no ok okay oh please thanks
    """.split()
)

ARABIC_FUNCTION_WORDS = frozenset(
    normalize_arabic(word)
    for word in """
    في من إلى الى على عن مع منذ حتى عند لدى بين خلال حول ضد نحو عبر دون غير سوى بعد قبل
    أمام امام خلف فوق تحت لأن لان لكن بل أو او أم ام ثم إذا اذا إن ان أن لن لم لا ما ماذا
    كيف متى أين اين هل قد لقد كل بعض أي اي جميع عدة كلا كلتا مثل أيضا ايضا أيضاً فقط جدا
    هو هي هم هن هما أنا نحن أنت أنتم انه أنه إنه انها أنها إنها أنهم انهم
    هذا هذه ذلك تلك هؤلاء أولئك هنا هناك الذي التي الذين اللذين اللتين اللاتي اللواتي
    كان كانت كانوا يكون تكون يكونوا أصبح اصبح أصبحت ليس ليست لايزال لازال مازال ما زال
    قال قالت يقول تقول قالوا وقال وقالت أعلن اعلن أعلنت أكد اكد أكدت أضاف اضاف أضافت أوضح اوضح
    أشار اشار أشارت ذكر ذكرت أفاد افاد أفادت يذكر يشار وفق وفقا طبقا حسب بحسب نقلا
    عام العام عاما سنة السنة يوم اليوم أمس امس غدا الآن الان حاليا أثناء اثناء حيث بينما
    وهو وهي وهذا وهذه وذلك ولكن وقد ولم ولا وأن وان وإن كما لما مما فيما عما بما ربما
    تم يتم تمت جرى يجري قام قامت يقوم تقوم بلغ بلغت يبلغ تبلغ وصل وصلت شهد شهدت أدى أدت
    """.split()
)

# The function words of the spoken varieties (Egyptian, Levantine, Gulf and
# Najdi, Iraqi, Maghrebi): pronouns, demonstratives, question words,
# negation, "want", "there is", "very", "now", "because"... A news text that
# quotes people uses them; none of them is a name.
ARABIC_DIALECT_WORDS = frozenset(
    normalize_arabic(word)
    for word in """
    اللي إللي اللى الي يلي ده دي دا دول ديه هيدا هيدي هيك هاد هادا هادي هادشي هذي هذيل هذول هذوله هاي هاذا هاذي
    هالشي هالشيء شي شو ايش إيش وش ويش شنو شنهو إيه ايه ليش ليه علاش ليه ازاي إزاي كيفاش شلون فين وين وينه منين
    إمتى امتى إيمتى متين وقتاش مين منو شكون عشان علشان لأن علمود لكون حتى مشان منشان كده كدا كدة كذا هيك هيكي جذي
    كمان برضو برضه بردو برده بعد كتير كثير وايد واجد بزاف ياسر هواية هوايه كلش خالص أوي اوي قوي مرة مره جدا
    دلوقتي دلوقت هلق هلأ هلا الحين هسه هسة هسا دابا توا تو لسه لسة لسا بعدين بكره بكرا امبارح إمبارح مبارح البارحة
    مفيش مافيش ماكو مكو أكو اكو فيه في كاين كاينة ما ماشي مش مو مب موب مهوب ماهو ماهي مكنش ماكانش مش هيكون
    بتاع بتاعة بتاعت بتاعه بتاعها بتوع ديال ديالو تاع تبع تبعه تبعها حق حقه حقها مال ماله مالها حقت
    عايز عاوز عايزة بدي بدو بدها بدهم أبي ابي ابغى أبغى ودي بغيت بغا يبغى يبي بيبقى بقى بقت يبقى هيبقى
    زي زى متل مثل زيه زيها شوية شويه شوي شويا حبة حبه شوي كويس كويسة منيح منيحة زين زينة باهي مزيان
    تاني تانية التاني التانية تانيين التانيين تلات تلاتة ثنين اتنين اتنان حاجة حاجات الحاجات حاجه هنا هون هنيه هني هناك هونيك
    ويه وياه وياها ويانا عند عنده عندها عندهم عدهم عدها عده إلنا الهم إلهم إله إلها ليا ليك ليها ليهم لينا
    ازاي يعني اصلا أصلا بس بسّ خلاص خلص يلا يالله طيب ماشي اه آه لا لأ لاء إي اي ايوه أيوه إيوا آيوه
    إنو انو أنو إنه بيه بيها بيهم فيها فيهم همين هم هما احنا إحنا حنا إحنا انتو إنتو انتوا هما هوه هيه
    """.split()
)
