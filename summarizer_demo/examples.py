"""Short Arabic news texts for the demo's examples, and reading more from a folder.

The three texts are made up for this project (places, people and figures are
fictional); they are short so that a click on one shows the whole chain quickly.
"""

from __future__ import annotations

import os
from pathlib import Path

EXAMPLES: dict[str, str] = {
    "Water network": (
        "أعلنت بلدية مدينة الواحة، صباح الثلاثاء، عن إطلاق مشروع لتجديد شبكة مياه الشرب في الأحياء الشرقية "
        "بتكلفة تبلغ 45 مليون درهم. وقال رئيس المجلس البلدي إن الأشغال ستستمر ثمانية عشر شهرا، وستشمل "
        "استبدال أكثر من 120 كيلومترا من الأنابيب القديمة. ويُنتظر أن يستفيد من المشروع نحو ستين ألف ساكن "
        "عانوا الصيف الماضي من انقطاعات متكررة في الماء. وأكدت البلدية أن العمل سيجري على مراحل حتى لا "
        "تنقطع المياه عن السكان لفترات طويلة."
    ),
    "Football result": (
        "فاز نادي الشروق على ضيفه اتحاد الساحل بهدفين مقابل هدف واحد، مساء السبت، في افتتاح الجولة الخامسة "
        "من الدوري. وسجل المهاجم الشاب سليم بن عيسى هدف الفوز في الدقيقة 88 بضربة رأسية إثر ركنية. وبهذا "
        "الفوز يرتقي الشروق إلى المركز الثالث برصيد عشر نقاط، بينما يبقى رصيد الضيوف عند سبع نقاط. وقال "
        "مدرب الفريق الفائز إن لاعبيه أظهروا روحا قتالية عالية رغم غياب ثلاثة أساسيين بسبب الإصابة."
    ),
    "Heat warning": (
        "حذرت مديرية الأرصاد الجوية من موجة حر تشمل عددا من المناطق الداخلية ابتداء من يوم الخميس وحتى "
        "نهاية الأسبوع. وتتراوح درجات الحرارة المتوقعة بين 42 و46 درجة مئوية، مع رياح محلية محملة بالغبار. "
        "ودعت السلطات الصحية المواطنين، ولا سيما كبار السن والأطفال، إلى تجنب الخروج بين الحادية عشرة صباحا "
        "والرابعة بعد الظهر، والإكثار من شرب الماء."
    ),
}


def load_examples(directory: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """The built-in examples, then every ``.txt`` file of ``directory`` (by name).

    Args:
        directory: A folder of UTF-8 ``.txt`` articles; None for the built-in ones only.

    Returns:
        Example texts keyed by their label (the file name for files).

    Raises:
        NotADirectoryError: If ``directory`` is not a folder.
    """
    examples = dict(EXAMPLES)
    if directory is not None:
        folder = Path(directory)
        if not folder.is_dir():
            raise NotADirectoryError(f"{folder}: not a folder of .txt examples.")
        for path in sorted(folder.glob("*.txt")):
            examples[path.name] = path.read_text(encoding="utf-8-sig")
    return examples
