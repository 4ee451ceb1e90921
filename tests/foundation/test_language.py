from openmfm.language import detect_language


def test_detects_chinese_with_latin_abbreviations():
    assert detect_language("患者胸痛3小时，心电图示ST段抬高，CT未见出血") == "zh"
    assert detect_language("阿司匹林 100 mg qd") == "zh"


def test_detects_english():
    assert detect_language("Chest pain for 3 hours with ST elevation on ECG") == "en"
    assert detect_language("") == "en"


def test_single_chinese_term_in_english_sentence_stays_english():
    assert detect_language("What does the term 心梗 mean in clinical English notes today?") == "en"
