"""Round 6 of the de-identification benchmark: blind templates, to be scored once.

Written blind on 2026-11-22 by someone who had not seen the recognizers (src/openmfm/), their
tests, the docs or any earlier score, and who did not run the de-identifier while writing them.
The set is meant to be scored ONCE, at the end of the day, to measure how the de-identifier does
on note styles it has never been tuned on. Once scored it is no longer blind: do not tune on it.

Note styles not used by rounds 1-5 of benchmarks/deid.py: emergency-department course in free
prose, psychiatric intake, antenatal card (孕产妇保健手册), haemodialysis run sheet (tab-separated),
ICU progress note in SOAP, physiotherapy note, dental and ophthalmology records, outpatient
infusion sheet (| separated), village-doctor chronic-disease follow-up form, occupational health
exam, school health exam, pharmacist medication reconciliation, incident report, hospice family
meeting / IDT note, clinical-trial screening log, genetic counselling letter, complaint letter,
telehealth transcript with speaker turns, and an unlabelled night-shift handover / sign-out.

What they exercise: names of relatives and staff in prose, in signatures and as speaker labels;
surname-only references (王大爷, 护士小李 style); pinyin and English names inside Chinese notes;
pinyin / letter initials in trial logs; ages over 89 in digits and in words (九十三岁,
ninety-three-year-old); dates in many formats (25/3/5, 3.5, 2025年3月5号, 2025-03-05 14:30,
03/05/25, 5-Mar-2025, Mar 5 '25, "on the 5th of March"); identifiers behind labels real forms
use (就诊卡号, 登记号, 条码号, 健康档案编号, 学籍号, 工号, 微信号, FIN, CSN, Encounter #, Visit ID,
Chart #, Medicaid ID, Subscriber ID, Auth #, Rx #, Screen #); phones with +86 / +1 and
extensions (转8012, ext. 4412, x204); addresses with 村/组/社区/单元/室 and Apt/Unit/#;
patient-portal and video-visit URLs; a login IP; device serials and licence plates.

Non-PHI look-alikes are left unlabelled on purpose: times of day alone (15:20, 0545), relative
days (上周二, last Tuesday, since Thursday), tooth numbers (16, #14), visual acuity (20/40),
CPT / ICD codes, protocol numbers, G/P notation, doses, lab values, hotline numbers (12356, 120,
911, 988), ages under 90, departments, hospital names, job titles and relationship words.

Every PHI value comes from a placeholder, so render() in benchmarks/deid.py labels it. New
placeholders and their categories are in ROUND6_CATEGORY (merged into deid.CATEGORY on import;
the names do not collide with existing fields). Round-6 notes also draw the round-1 and round-5
fields, so templates may use e.g. {doc2}, {doc_sur}, {name_py}, {rel_zh}, {sex_1}.

Build notes: make_round6_notes(n, seed) -> [(lang, text, spans)], half zh, half en, like
deid.make_notes. `python benchmarks/deid_round6.py` only renders and checks the gold labels.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

from faker import Faker

sys.path.insert(0, str(Path(__file__).resolve().parent))
import deid  # noqa: E402  (benchmarks/deid.py)

ROUND6_ZH = [
    # 1. Emergency department note in free prose.
    "{hosp}急诊科\n急诊病历　　就诊卡号：{card}\n\n患者{name}，{sex}，{age}岁，于{dt1}由120急救车送入我院急诊抢救室。据其{rel_zh}{kin}（电话{phone_x}）代诉，"
    "患者今日午饭后约1小时突发{cc}，伴大汗、恶心，无呕吐，自服速效救心丸10粒无缓解。既往高血压病史10余年，口服氨氯地平5mg qd，血压控制情况不详。\n"
    "查体：T 36.8℃，P 108次/分，R 22次/分，BP 86/52mmHg，神志清，精神差，双肺底可闻及少许湿啰音。\n"
    "辅助检查：床旁心电图示Ⅱ、Ⅲ、aVF导联ST段抬高0.2～0.3mV；肌钙蛋白I 2.36ng/ml。\n"
    "初步诊断：急性下壁ST段抬高型心肌梗死；心源性休克？\n"
    "处理：立即予阿司匹林300mg、替格瑞洛180mg嚼服，多巴胺静脉泵入维持血压，通知导管室。15:20向家属交代病情危重及急诊PCI必要性，家属{kin}签字同意。"
    "15:42患者送入导管室，由心内科{doc}医生接手。\n急诊医师：{doc2}　{md1}",
    # 2. Psychiatric intake.
    "精神科入院评估记录\n登记号：{reg}　　病区：精神科二病区　　入院时间：{when1}\n"
    "一般资料：{name}，{sex}，{age}岁，未婚，大专文化，既往从事销售工作。由{rel_zh}{kin}及表哥{kin2}陪同入院，病史由二人提供，可靠程度：基本可靠。\n"
    "主诉：情绪低落、失眠半年，加重伴消极言行2周。\n"
    "现病史：半年前患者失业后逐渐出现兴趣减退、早醒，自感“活着没意思”。2周前在家中留下遗书，被{kin}发现后带至我院门诊，门诊以“抑郁发作”收入院。\n"
    "危险性评估：自杀风险高（NGASR 11分），已签署《防自杀告知书》，予一级护理、24小时专人看护。\n"
    "已告知家属：出院后如遇紧急情况可拨打心理援助热线12356或拨打120。\n"
    "家属联系方式：{kin}　{phone_x}；{kin2}　{phone_y}\n首诊医师：{doc}　　上级医师：{doc2}主任医师",
    # 3. Antenatal care handbook, first visit.
    "{hosp}\n孕产妇保健手册（首次产前检查记录）\n手册编号：{mch_book}　　建册日期：{when1}\n"
    "孕妇姓名：{name}　　年龄：{age_young}岁　　出生日期：{dob_b}\n身份证号：{rid}\n丈夫姓名：{kin}　　丈夫电话：{phone_x}\n"
    "户籍地址：{addr_v}\n现居住地址：{addr_c}\n"
    "孕次：2　产次：1　末次月经：{when2}　预产期：{when3}\n孕周：12+3周　身高158cm　体重56kg　血压108/70mmHg\n"
    "既往史：前次剖宫产术后3年，否认高血压、糖尿病史。\n化验：血型O型Rh(+)，HBsAg(-)，梅毒(-)，HIV(-)\n"
    "高危因素：瘢痕子宫（黄色预警）\n下次检查：{md1}\n检查医生：{doc}",
    # 4. Haemodialysis run sheet, tab-separated.
    "血液透析治疗记录单\n姓名\t{name}\t性别\t{sex}\t年龄\t{age}\n透析号\t{hd_no}\t医保卡号\t{ins_card}\n"
    "透析日期\t{when1}\t累计透析\t第286次\n机号\t7号机\t机器序列号\t{machine_sn}\n透析器\tFX80\t抗凝\t低分子肝素4000IU\n"
    "干体重 62.5kg　透前体重 65.3kg　透后体重 62.8kg\n"
    "时间\t血压(mmHg)\t脉搏\t血流量(ml/min)\tTMP\t备注\n07:40\t152/86\t78\t250\t60\t上机\n08:40\t138/80\t76\t260\t80\t\n"
    "09:40\t118/70\t84\t260\t90\t诉下肢抽筋，予生理盐水100ml\n11:40\t132/78\t80\t260\t90\t下机\n"
    "上机护士：{nurse}　　下机护士：{nurse2}　　责任医师：{doc}\n下次透析：{md1}（周五）",
    # 5. ICU daily progress note in SOAP.
    "重症医学科（ICU）日常病程记录\n{dt1}　　入ICU第5天\n患者ID：{pid}　床号：ICU-{bed}　{name}　{sex}　{age_old}岁\n"
    "S：经口气管插管接呼吸机辅助通气，镇静状态（RASS -2），无法言语。\n"
    "O：T 37.9℃，HR 96次/分，BP 112/64mmHg（去甲肾上腺素0.08μg/kg/min），SpO2 97%（FiO2 40%，PEEP 8cmH2O）。24h尿量1350ml，CVP 9cmH2O。\n"
    "血常规：WBC 13.6×10^9/L，N 88%；PCT 2.1ng/ml；乳酸1.6mmol/L。痰培养（{md1}送检）：肺炎克雷伯菌（ESBL+）。\n"
    "A：1. 重症肺炎　2. 脓毒性休克（好转中）　3. 高龄\n"
    "P：继续美罗培南1g q8h；今日尝试SBT；15:00与家属{kin}、{kin2}视频沟通病情。\n"
    "主治医师：{doc}　　住院医师：{doc2}\n上级医师查房意见（{doc_sur}主任）：同意目前方案，评估拔管条件。",
    # 6. Physiotherapy record.
    "康复医学科　物理治疗（PT）记录\n治疗卡号：{card}　　姓名：{name}　　年龄：{age}岁\n诊断：脑梗死恢复期（左侧偏瘫）\n"
    "评定：Brunnstrom分期 左上肢Ⅲ期、左手Ⅱ期、左下肢Ⅳ期；Berg平衡量表32分；改良Barthel指数55分。\n"
    "治疗：自{md1}起每日上午9:30行PT训练40分钟（坐站转移、重心转移、步行训练），下午行OT及针灸。\n"
    "第10次治疗小结（{when1}）：患者可在四脚拐辅助下室内步行约20米，{rel_zh}{kin}已学会协助转移。\n"
    "治疗师：{nurse}（{en_name_zh}）　　督导：{doc}",
    # 7. Dental record.
    "{hosp}口腔科门诊病历\n就诊卡号：{card}　　{name}　{sex}　{age}岁　　电话：{phone}\n就诊时间：{dt1}\n主诉：右上后牙咬物痛1周。\n"
    "现病史：1周前起右上后牙咬物痛，冷热刺激痛明显，自服布洛芬可缓解。\n"
    "检查：16远中邻颌面深龋，探诊(+)，叩诊(±)，冷测一过性敏感；26、27牙石(++)；38近中阻生。\n"
    "辅助检查：根尖片示16近髓，根尖周未见明显暗影。\n诊断：16深龋（可复性牙髓炎？）；慢性牙龈炎；38阻生齿\n"
    "处置：16去腐，氢氧化钙间接盖髓，玻璃离子暂封；预约{md1}复诊行永久充填；建议全口洁治。\n医师：{doc}　　护士：{nurse}",
    # 8. Ophthalmology record, pinyin and English names.
    "眼科门诊病历\n患者ID：{pid}　　姓名：{name}（{name_py}）　　出生日期：{dob6}　　年龄：{age}岁\n联系邮箱：{email6}\n就诊日期：{when1}\n"
    "主诉：右眼视物模糊3月。\n视力：右眼0.3（矫正0.4），左眼0.8（矫正1.0）\n眼压：右眼16mmHg，左眼15mmHg（NCT）\n"
    "裂隙灯：右眼晶状体皮质楔形混浊C3N2，左眼C1N1；眼底：双眼C/D约0.3。\nOCT（{md1}）：双眼黄斑区未见明显异常。\n"
    "诊断：1. 年龄相关性白内障（右眼）　2. 屈光不正\n"
    "处理：拟行右眼白内障超声乳化+人工晶体植入术。术前谈话已与患者及其{rel_zh}{kin}（英文名{en_name_zh}，长期居住海外）进行。\n医生：{doc}",
    # 9. Outpatient infusion sheet, | separated.
    "{hosp}　门诊输液执行单\n条码号：{barcode}\n姓名 | 性别 | 年龄 | 科室 | 座位号\n{name} | {sex} | {age}岁 | 急诊内科 | 23\n"
    "医保卡号：{ins_card}　　开单日期：{when1}\n组号 | 药品名称 | 规格 | 剂量 | 用法 | 滴速\n"
    "1 | 0.9%氯化钠注射液 | 100ml | 100ml | ivgtt | 60滴/分\n1 | 注射用头孢曲松钠 | 1.0g | 2.0g | ivgtt |\n"
    "2 | 5%葡萄糖注射液 | 250ml | 250ml | ivgtt | 40滴/分\n2 | 维生素C注射液 | 1.0g | 2.0g | ivgtt |\n"
    "皮试：头孢曲松（-）　皮试护士：{nurse}\n执行记录：第1天 {md1} 08:45　穿刺护士 {nurse}　核对 {nurse2}\n开单医生：{doc}",
    # 10. Village doctor hypertension follow-up form (home visit).
    "高血压患者随访服务记录表\n姓名：{name}　　健康档案编号：{health_rec}\n随访日期：{when1}　　随访方式：家庭（入户）\n住址：{addr_v}\n"
    "症状：无症状\n体征：血压 146/88mmHg　体重 68kg　心率 72次/分\n"
    "生活方式指导：日吸烟量 10支　日饮酒量 2两　运动 每周3次、每次30分钟　摄盐情况 中\n服药依从性：间断\n"
    "用药情况：硝苯地平缓释片 20mg bid\n此次随访分类：控制不满意\n转诊：无\n下次随访日期：{md1}\n随访医生签名：{doc}\n"
    "备注：{pt_sur}大爷独居，儿子{kin}在外务工（电话{phone_x}），已电话嘱其督促老人按时服药。",
    # 11. Occupational health exam.
    "职业健康检查表（在岗期间）\n体检编号：{exam_no}　　检查日期：{when1}\n姓名：{name}　性别：{sex}　年龄：{age}岁　工号：{emp_no}\n身份证号：{rid}\n"
    "工种：电焊工　　接害工龄：8年\n接触职业病危害因素：电焊烟尘、锰及其无机化合物、噪声、紫外辐射\n症状询问：偶有咳嗽，无胸闷气短。\n"
    "体格检查：血压 128/80mmHg，双肺呼吸音清。\n纯音听阈测试：双耳高频平均听阈 38dB(HL)\n胸部DR：双肺纹理增多。\n血锰：0.12μmol/L\n"
    "结论：目前未见职业禁忌证，建议{md1}前复查听力。\n主检医师：{doc}　　审核：{doc2}\n本人联系电话：{phone}",
    # 12. Primary-school health exam.
    "中小学生健康体检表\n学籍号：{student_no}\n姓名：{name}　　性别：{sex}　　年龄：{age_child}岁　　班级：三年级（2）班\n出生日期：{dob_child}\n"
    "监护人：{kin}（{rel_parent}）　　联系电话：{phone_x}\n体检日期：{when1}\n身高 132.5cm　体重 30.2kg　BMI 17.2\n"
    "视力：右 4.9　左 4.7\n口腔：55、65龋坏\n脊柱弯曲：无　　心肺：未见异常\n"
    "结论：左眼视力低下，建议到医院眼科进一步检查。\n体检医生：{doc}　　学校保健老师：{nurse}",
    # 13. Clinical pharmacist discharge medication reconciliation.
    "临床药师会诊记录（出院带药重整）\n患者：{name}　　住院号：{mrn}　　{age}岁　　会诊日期：{when1}\n申请科室：老年医学科　　申请医师：{doc}\n"
    "入院前用药（由患者{rel_zh}{kin}携带药盒核对）：\n1. 阿托伐他汀钙片 20mg qn\n2. 二甲双胍缓释片 0.5g bid\n3. 华法林钠片 2.5mg qd（自行购药）\n"
    "出院带药：\n1. 阿托伐他汀钙片 20mg qn（继续）\n2. 二甲双胍缓释片 0.5g qd（eGFR 48，减量）\n"
    "3. 利伐沙班片 15mg qd（替代华法林；末次服用华法林为{md1}，INR<2.0后开始）\n"
    "药师意见：利伐沙班随餐服用；避免与克拉霉素合用；监测肾功能。\n"
    "已向患者及家属进行用药教育，家属微信号{wechat}已加入药学门诊随访群。\n会诊药师：{nurse}（主管药师）　　药学门诊电话：{phone_y}",
    # 14. Complaint letter from a relative.
    "投诉信\n尊敬的医院领导：\n我是患者{name}的家属{kin}。{when1}晚上8点左右，我们因{name}高烧不退到贵院急诊科就诊（就诊卡号{card}），"
    "在候诊区等了将近3个小时，期间我多次询问分诊台的护士（胸牌上写着{nurse}），对方态度很不耐烦。后来接诊的{doc_sur}医生只问了两句就开了药，"
    "没有做任何检查。第二天病人病情加重，转到{hosp2}才诊断为{dx}并住院治疗。\n我希望医院认真调查此事，给我们一个答复。\n"
    "联系人：{kin}\n手机：{phone_x}\n邮箱：{email6}\n地址：{addr_c}\n{when2}",
    # 15. Internet-hospital video visit, speaker turns.
    "{hosp}互联网医院　视频复诊记录\n问诊单号：{consult_no}　　开始时间：{dt1}　　患者端IP：{login_ip}\n"
    "患者：{name}　{sex}　{age}岁　　电子健康卡：{card}\n——以下为语音转写——\n"
    "{doc}医生：您好，请问是{name}本人吗？\n患者：对，是我。我{rel_zh}{kin}也在旁边。\n"
    "{doc}医生：上次开的药吃了怎么样？血糖现在多少？\n患者：早上空腹大概7点几，饭后两小时10左右。上周二测了一次糖化，6.9。\n"
    "{kin}：医生，晚上老是起夜，这个要紧吗？\n{doc}医生：可能和血糖控制有关，下次来院查个尿常规和肾功能。\n"
    "患者：好的，报告能在网上看吗？\n{doc}医生：可以，登录{url6}就能查看，有问题打我们科室电话{phone_x}。\n——转写结束——\n"
    "诊断：{dx}\n处理：二甲双胍片 0.5g tid（续方28天）\n医生：{doc}",
    # 16. Nursing adverse event (fall) report, age in Chinese numerals.
    "护理不良事件报告表\n事件类型：跌倒　　发生时间：{dt1}　　发生地点：神经内科病房卫生间\n"
    "患者姓名：{name}　　住院号：{mrn}　　年龄：{age_old_words}岁　　床号：{bed}\n"
    "事件经过：患者夜间自行如厕，未按呼叫铃，在卫生间滑倒，右髋着地。护工{kin2}闻声后呼叫值班护士{nurse}，护士2分钟内到达，立即通知值班医生{doc}。"
    "查体：右髋部压痛，右下肢外旋短缩。急查髋关节X线示右股骨颈骨折。\n"
    "跌倒风险评估（Morse）：入院时55分（高危），已悬挂防跌倒标识并告知家属。\n"
    "家属告知：已电话告知患者之子{kin}（{phone_y}），家属情绪稳定。\n报告人：{nurse}　　护士长：{nurse2}\n报告日期：{when1}",
    # 17. Hospice family meeting.
    "安宁疗护病房　家庭会议记录\n会议时间：{when1}下午\n患者：{name}，{age_old_words}岁，肺癌晚期多发骨转移\n"
    "参会人员：主管医生{doc}、责任护士{nurse}、社工{nurse2}、患者长子{kin}、次女{kin2}、外孙女{en_name_zh}（在美国，视频参会）\n"
    "会议内容：向家属说明患者目前预计生存期为数周，疼痛控制尚可（吗啡缓释片30mg q12h，NRS 2～3分）。家属一致同意不行气管插管及心肺复苏，"
    "已签署《不实施心肺复苏同意书》。患者本人意愿：想回老家{addr_v}看看。\n后续计划：如病情允许，下周安排救护车送患者回家短暂探视。\n"
    "家属联系人：{kin}　{phone_x}\n记录人：{nurse2}",
    # 18. Clinical trial screening log, | separated, two subjects.
    "临床试验受试者筛选入选表\n方案编号：HR-ONC-301　　研究中心：{hosp}（中心编号02）\n"
    "筛选号 | 姓名缩写 | 性别 | 出生日期 | 知情同意日期 | 是否入选 | 备注\n"
    "{screen_no} | {initials} | {sex} | {dob6} | {when1} | 是 | 随机号{rand_no}\n"
    "{screen_no2} | {initials2} | 男 | {dob_b} | {when2} | 否 | eGFR<45，不符合入选标准4\n"
    "研究者：{doc}　　CRC：{nurse}\n受试者{screen_no}联系电话：{phone}",
    # 19. Genetic counselling report.
    "遗传咨询报告\n样本编号：{sample_no}　　咨询日期：{when1}\n先证者：{name}，男，{age_child}岁\n"
    "家系情况：先证者父亲{kin}（Ⅱ-3），母亲{kin2}（Ⅱ-4），姨妈{kin3}（Ⅱ-5）育有一子，体健。\n"
    "检测结果：先证者检出DMD基因exon 45-50缺失（致病性变异），母亲{kin2}为携带者。\n"
    "咨询意见：1. 诊断为杜氏肌营养不良症（DMD），X连锁隐性遗传。2. 建议姨妈{kin3}行携带者检测。3. 母亲再次妊娠可于孕11～13周行绒毛取样产前诊断。\n"
    "遗传咨询师：{nurse}　　审核医师：{doc}\n咨询电话：{phone_x}\n报告查询：{url6}",
    # 20. Unlabelled night-shift handover.
    "夜班交班本 {md1}\n{bed}床 {name} {sex} {age}岁 {mrn} {dx}，今晚注意血压，BP>160通知值班\n"
    "15床 {name2} 术后第2天 引流管通畅 家属{kin}陪护 {phone_y}\n加3床 {name3} 待转ICU，{doc_sur}主任已看过\n"
    "交班：{nurse}　接班：{nurse2}",
]

ROUND6_EN = [
    # 1. ED provider note, free prose.
    "EMERGENCY DEPARTMENT PROVIDER NOTE\nFIN: {fin}    Arrival: {dt1}    Mode: EMS\n\n"
    "{first} {last} is a {age_old}-year-old {sex} with atrial fibrillation on apixaban who presents after a mechanical fall at home last night. "
    "Per the patient's {rel}, {kin}, who found the patient on the kitchen floor around 0600, there was no LOC. Home is {addr_unit}; lives alone. "
    "EMS noted a large R forehead hematoma.\n\nED COURSE: CT head without contrast showed a 6 mm right frontal subdural hematoma. "
    "Andexanet alfa given at 0812 after discussion with neurosurgery (Dr. {doc_last}). Repeat CT at 1415 stable. GCS 15 throughout. "
    "Granddaughter {kin2_first} arrived at 0930 and can be reached at {phone_x}.\n\n"
    "DISPOSITION: Admitted to neuro step-down. Discussed with hospitalist {doc2}.\n\n{doc}, MD\nElectronically signed {dt2}",
    # 2. Psychiatric intake.
    "PSYCHIATRIC INTAKE EVALUATION\nEncounter #: {enc}    Date of service: {when1}\n"
    "Identifying data: {name}, {age}-year-old, single, unemployed, lives with family in {city_st}. Referred by PCP Dr. {doc_last}.\n"
    "Chief complaint: \"I haven't slept in four days and my thoughts are racing.\"\n"
    "HPI: Collateral obtained by phone from sister {kin2} ({phone_y}), who reports the patient stopped lithium about 3 weeks ago and has "
    "spent ~$8,000 online since last Tuesday.\nPast psychiatric history: Bipolar I disorder, first hospitalization at age 19. One prior overdose.\n"
    "Risk assessment: Denies SI/HI at this time. C-SSRS screen negative. Given 988 Suicide & Crisis Lifeline information.\n"
    "MSE: Pressured speech, expansive affect, flight of ideas; no AH/VH; insight poor.\n"
    "Assessment: Bipolar I disorder, current episode manic, severe, without psychotic features.\n"
    "Plan: Voluntary admission to 5 North. Restart lithium 300 mg BID; level in 5 days.\n{doc}, MD, Attending Psychiatrist",
    # 3. Prenatal flow sheet.
    "PRENATAL FLOW SHEET\nPatient: {name_lf}    DOB: {dob6}    Medicaid ID: {medicaid}\nPartner/FOB: {kin}    Contact: {phone_x}\n"
    "G3P1011    LMP: {when1}    EDD: {when2} (by 8-wk US)\nBlood type A pos, antibody screen neg, rubella immune, HBsAg neg, GBS pending\n\n"
    "Date      GA      Wt    BP       FHR   FH   Urine     Provider\n"
    "{md1}     24w1d   168   112/68   148   24   neg       {nurse_fi}., CNM\n"
    "{md2}     28w0d   171   118/72   142   28   tr prot   Dr. {doc_last}\n\n"
    "Notes: 1-hr GTT 152 -> 3-hr GTT scheduled. Tdap given today. Kick counts reviewed. RTC 2 weeks.\nPatient portal: {url6}",
    # 4. Haemodialysis treatment record, tab-separated.
    "HEMODIALYSIS TREATMENT RECORD\nPatient\t{name_caps}\tChart #\t{chart}\nTx date\t{when1}\tChair\t7\tShift\t1st (0530)\n"
    "Machine\tFresenius 2008T\tSerial #\t{machine_sn}\nAccess\tL AVF, 15G needles x2, thrill/bruit present\n"
    "EDW 78.5 kg\tPre wt 81.2 kg\tPost wt 78.9 kg\tUF goal 2.7 L\nTime\tBP\tHR\tQb\tQd\tVP\tTMP\tNotes\n"
    "0545\t168/92\t80\t400\t600\t180\t40\tinitiated\n0645\t150/84\t78\t400\t600\t190\t50\t\n"
    "0745\t112/60\t88\t400\t600\t190\t60\tcramping; UF off, NS 200 mL\n0930\t138/76\t76\t400\t600\t180\t50\tterminated\n"
    "Kt/V (last monthly labs): 1.42\nInitiated by: {nurse_fi}., RN\tTerminated by: {nurse}, CCHT\nNephrologist rounding: Dr. {doc_last}\n"
    "Medicare ID: {member}",
    # 5. MICU progress note, SOAP with attestation.
    "MICU PROGRESS NOTE - HD #6\nCSN: {csn}    {dt1}\nPt: {last}, {first}  ({age}{sex_1})  Bed 14\n"
    "S: Intubated/sedated. Desaturated to 86% at 0300, improved with PEEP increase. Family ({rel} {kin}) visited and was updated at bedside.\n"
    "O: Tmax 38.4, HR 102, MAP 66 on norepi 0.06, vent AC 420/18/PEEP 10/FiO2 50%. UOP 0.4 mL/kg/h. Lactate 2.8 -> 1.9. Cr 2.1 (baseline 1.0).\n"
    "A/P:\n# Septic shock 2/2 LLL PNA: cont cefepime/vanc (day 4), f/u BCx from {md1}.\n# AKI: likely ATN; renally dose abx, avoid nephrotoxins.\n"
    "# Goals of care: family meeting tomorrow 1400 with {kin} and {kin2} (son).\nResident: {doc2}, MD (PGY-2)\n"
    "Attending attestation: I saw and examined the patient with the team and agree with the plan as documented. - {doc}, MD",
    # 6. Physical therapy daily note.
    "OUTPATIENT PHYSICAL THERAPY - DAILY NOTE\nPatient: {name}    Visit ID: {visit}    DOS: {when1}\n"
    "Referring provider: Dr. {doc_last}    Dx: s/p R TKA ({md1}), M17.11\nAuth #{auth}: visit 8 of 12 approved\n"
    "Subjective: Pain 3/10 after stairs. Walked to the mailbox and back twice yesterday without the cane.\n"
    "Objective: R knee AROM 5-108 deg (prev 10-96). Quad lag 5 deg. TUG 11.2 s.\n"
    "Treatment: 97110 x 2 units, 97140 x 1 unit, 97116 x 1 unit, ice 10 min.\nAssessment: Progressing toward goals; ROM improving.\n"
    "Plan: Continue 2x/week x 3 weeks. HEP updated and emailed to patient at {email6}.\n{nurse}, PT, DPT",
    # 7. Dental progress note.
    "DENTAL PROGRESS NOTE\nChart # {chart}    Pt: {name_lf}    DOB {dob6}\n"
    "Insurance: Delta Dental PPO, Subscriber ID {sub_id} (subscriber: {kin}, {rel_sub})\nAppt {dt1} - periodic exam + prophy\n"
    "Med hx reviewed, no changes. BP 124/78.\nFindings: #3 MO caries, #14 fractured DO amalgam, #30 existing PFM crown WNL. "
    "Perio: generalized 2-3 mm pockets, localized 5 mm #18-19 DL. BWX x4 taken.\nTx today: prophy, OHI, fluoride varnish.\n"
    "Next visit: {md1} - #14 DO composite, #3 MO composite.\nHygienist: {nurse_fi}., RDH    Dentist: {doc}, DDS",
    # 8. Ophthalmology clinic note.
    "OPHTHALMOLOGY CLINIC\nPatient ID {pid}    {name}    {age_old} y.o.    Seen {when1}\n"
    "CC: blurry vision OD x 3 months, glare driving at night.\nVA sc: OD 20/80, OS 20/30 | PH OD 20/60\nIOP (Tonopen): OD 17, OS 16 @ 10:42\n"
    "SLE: 3+ NS cataract OD, 2+ NS OS; AC deep & quiet OU.\nDFE: C/D 0.4 OU, flat macula OU, no holes/tears 360.\n"
    "A/P: Visually significant cataract OD -> CE/IOL OD with Dr. {doc_last} on {md1}. Biometry today. Hold tamsulosin discussion (IFIS risk).\n"
    "Son {kin2} will drive; cell {phone_y}.\n{doc}, MD",
    # 9. Pharmacist discharge medication reconciliation, | table.
    "PHARMACY DISCHARGE MEDICATION RECONCILIATION\nPatient: {name}    MRN {mrn}    Encounter {enc}\nPharmacist: {nurse}, PharmD    Date: {when1}\n"
    "Sources: patient interview, outpatient fill history, {rel} {kin} (brought pill bottles)\n\n"
    "Medication | Home | Discharge | Change/Reason\nMetoprolol tartrate 25 mg BID | yes | STOP | replaced by succinate\n"
    "Metoprolol succinate 50 mg daily | no | START | once-daily adherence\nFurosemide 40 mg daily | yes | 40 mg BID | volume overload\n"
    "Apixaban 5 mg BID | yes | CONTINUE | Rx #{rx}\nIbuprofen 400 mg PRN | yes | STOP | CKD, on anticoagulant\n\n"
    "New prescriptions sent to outpatient pharmacy; patient callback number {phone_x}. Counseled with teach-back. "
    "Follow-up {md1} with Dr. {doc_last}.",
    # 10. Safety event report.
    "SAFETY EVENT REPORT (CONFIDENTIAL - PATIENT SAFETY WORK PRODUCT)\nEvent date/time: {dt1}    Location: 6 West, room 614\n"
    "Patient: {name_caps}    MRN: {mrn}    Age: {age}\nEvent type: Medication - wrong dose\n"
    "Description: Patient received hydromorphone 2 mg IV instead of the ordered 0.2 mg. Error identified by oncoming nurse {nurse} at shift change (1915). "
    "Rapid response called; naloxone 0.4 mg IV given x1 with RR improving from 6 to 14. Attending Dr. {doc_last} and the patient's {rel}, {kin}, "
    "notified at 2005.\nHarm score: temporary harm, intervention required\nReported by: {nurse_fi}., RN, charge nurse\n"
    "Follow-up: pharmacy review of ADC override; staff debrief scheduled.",
    # 11. Occupational health / DOT exam.
    "OCCUPATIONAL HEALTH - DOT MEDICAL EXAMINATION\nExaminee: {name}    Employee ID: {emp_id}\nDriver license #: {dl} ({state})    CDL: yes\n"
    "DOB: {dob6}    Exam date: {when1}\nHome address: {addr_unit}\n"
    "Health history: Type 2 DM on metformin (no insulin). OSA on CPAP, compliance download reviewed (avg 6.4 h/night).\n"
    "Vision: 20/25 OU with correction; horizontal field 85 deg OU.\nHearing: forced whisper >5 ft bilaterally.\n"
    "BP 142/88 (repeat 136/84). UA: SG 1.015, protein neg, glucose neg.\nDetermination: Meets standards; qualified for 1 year.\n"
    "{doc}, DO, Certified Medical Examiner",
    # 12. Sports physical (school).
    "PREPARTICIPATION PHYSICAL EVALUATION\nStudent: {first} {last}    Student ID: {student_id}    Grade: 10\n"
    "DOB: {dob_child}    Age: {age_teen}    Sport(s): soccer, track\nParent/guardian: {kin}    Cell: {phone_x}    Email: {email6}\n"
    "Date of exam: {when1}\nHistory: No syncope with exercise. No family history of sudden death before age 50. Concussion last fall, cleared by neurology.\n"
    "Exam: Ht 5'7\", Wt 132 lb, BP 114/70, HR 64. Vision 20/20 OD, 20/25 OS. No murmur supine or standing. Full ROM.\n"
    "Clearance: Cleared for all sports without restriction.\n{doc}, MD    Office phone {phone}",
    # 13. Genetic counselling letter.
    "{hosp2}\nDivision of Medical Genetics\n\n{when1}\n\nRE: {name}    DOB: {dob6}    Lab accession: {acc}\n\nDear Dr. {doc_last},\n\n"
    "I had the pleasure of meeting {first} and {kin} ({rel}) for genetic counseling on the {ord_date}. {first} was referred because of a "
    "personal history of breast cancer diagnosed at age 38 and a family history that includes a maternal aunt, {kin2}, with ovarian cancer at 52, "
    "and a maternal grandmother who died in her 60s of \"stomach cancer.\"\n\n"
    "Multigene panel testing (47 genes) identified a pathogenic variant in BRCA2, c.5946delT (p.Ser1982Argfs*22). One VUS in ATM was reported.\n\n"
    "We recommended cascade testing for first-degree relatives; {first}'s sister {kin3} lives in {city_st} and has scheduled testing.\n\n"
    "Please contact me at {phone_x} or {email6} with any questions.\n\nSincerely,\n\n{nurse}, MS, CGC\nLicensed Genetic Counselor\ncc: {doc2}, MD",
    # 14. Hospice IDT note, age in words.
    "HOSPICE INTERDISCIPLINARY GROUP NOTE\nPatient: {name}    Hospice ID: {hospice_id}    Benefit period 2, day 41\nMeeting date: {when1}\n"
    "{first} is a {age_old_words}-year-old {sex} with end-stage heart failure (EF 15%) living at {addr_unit} with the patient's {rel}, {kin}, the primary caregiver.\n"
    "RN case manager ({nurse}): PPS 30%, increasing dyspnea at night; morphine concentrate 5 mg SL q2h PRN, using ~3 doses/day. Skin intact.\n"
    "Social work ({nurse_first}): caregiver strain noted; respite options reviewed.\nChaplain ({chaplain}): patient asked for communion; visit set for Sunday.\n"
    "Medical director: continues to meet hospice eligibility. Recertify on {md1}.\nAfter-hours hospice line given to family: {phone_x}.\n"
    "Signed: {doc}, MD, Hospice Medical Director",
    # 15. Clinical trial screening log, | table.
    "SCREENING & ENROLLMENT LOG\nProtocol ONC-7712-301    Site 104    PI: {doc}\n"
    "Screen # | Initials | DOB | Consent date | Eligible | Randomization # / reason\n"
    "{screen_no} | {initials} | {dob6} | {when1} | Y | {rand_no}\n{screen_no2} | {initials2} | {dob_b} | {when2} | N | ECOG 2 (excl. 4)\n"
    "Comments: {screen_no} - study partner {kin} ({phone_x}). Pre-screened via chart #{chart}.\nCompleted by: {nurse}, CRC    Verified: {doc}",
    # 16. Complaint letter from a relative.
    "To: Patient Relations, {hosp2}\nFrom: {kin}\n{addr_unit}\n{phone_x} | {email6}\n\nRe: My father, {name} (MRN {mrn})\n\n"
    "I am writing to file a formal complaint about the care my father received in your emergency department on the {ord_date}. "
    "We arrived around 9 pm and waited over five hours on a hallway stretcher. When I asked the nurse, {nurse_first}, for a blanket and water "
    "I was told to \"be patient.\" He was sent home at 4 am without anyone explaining his new prescription (Rx #{rx}), and by last Tuesday "
    "he was back in your ED with a GI bleed.\n\nOn top of that, my car (plate {plate}) was towed from the visitor garage while I was inside with him. "
    "I would like a written response and a refund of the $285 towing fee. I am available at the number above after 5:30 pm.\n\n{kin}\n{when1}",
    # 17. Telehealth visit transcript with speaker turns.
    "TELEHEALTH VISIT - AUDIO/VIDEO (transcript excerpt)\nVisit ID: {visit}    Link: {url6}    Patient location: home ({city_st})\n"
    "Start {dt1}. Consent for telehealth obtained verbally.\n\n"
    "Dr. {doc_last}: Hi, can you hear me okay? Can you confirm your name and date of birth?\n{first}: Yes, it's {name}, {dob6}.\n"
    "Dr. {doc_last}: Thanks. Who's with you today?\n{first}: My {rel}, {kin_first}. {kin_first} set up the iPad.\n"
    "{kin_first}: Hi doctor. The leg swelling got worse since Thursday.\n"
    "Dr. {doc_last}: Okay. Are you weighing daily? What was this morning's weight?\n{first}: 212. It was 204 a week ago.\n"
    "Dr. {doc_last}: Let's increase the furosemide to 40 mg twice a day and get labs in 3 days. If you get short of breath lying flat, call 911.\n"
    "{kin_first}: Should we call the nurse line too?\nDr. {doc_last}: Yes, {phone_x}, ask for {nurse_first}.\n\n"
    "A/P: Acute on chronic HFpEF, up ~8 lb. Diuretic titration as above; BMP on {md1}.\nTotal time 22 minutes. Connected from IP {login_ip}.\n"
    "Scribed by {nurse} for Dr. {doc_last}.",
    # 18. Night-float sign-out, no labels.
    "NIGHT FLOAT SIGNOUT {md1}\n\n1) {name_caps} {mrn} {age}{sex_1} rm 412B\n"
    "HD3 LLE cellulitis on cefazolin 2g q8h, afebrile x24h. Borders marked 0700. If T>38.5 -> BCx x2, add vanc. Full code. "
    "{rel} {kin_first} {phone_y} wants a call if anything changes.\n\n2) {name2} {mrn2} {age_old}F rm 418\n"
    "CHF exacerb, net -1.8L today. K 3.3 repleted. DNR/DNI. PCP Dr {doc_last}. Dtr {kin2_first} is HCP, {phone_x}.\n\n-{nurse_first}",
]

# Round-6 fields and their categories. Fields used by round-6 templates but not listed here
# (age_young, age_child, age_teen, state, rel_parent) are not PHI: ages under 90 and a US state.
ROUND6_CATEGORY = {
    # names
    "nurse": "NAME", "nurse2": "NAME", "nurse_fi": "NAME", "nurse_first": "NAME", "kin2": "NAME", "kin2_first": "NAME",
    "kin3": "NAME", "name2": "NAME", "name3": "NAME", "chaplain": "NAME", "en_name_zh": "NAME", "pt_sur": "NAME",
    "initials": "NAME", "initials2": "NAME",
    # dates
    "when1": "DATE", "when2": "DATE", "when3": "DATE", "md1": "DATE", "md2": "DATE", "dt1": "DATE", "dt2": "DATE",
    "dob6": "DATE", "dob_b": "DATE", "dob_child": "DATE", "ord_date": "DATE",
    # ages over 89
    "age_old": "AGE", "age_old_words": "AGE",
    # contact
    "phone_x": "PHONE", "phone_y": "PHONE", "addr_v": "ADDRESS", "addr_c": "ADDRESS", "addr_unit": "ADDRESS",
    "city_st": "ADDRESS", "email6": "EMAIL", "url6": "URL", "login_ip": "IP",
    # record-type identifiers
    "card": "RECORD", "reg": "RECORD", "barcode": "RECORD", "pid": "RECORD", "health_rec": "RECORD", "mch_book": "RECORD",
    "hd_no": "RECORD", "exam_no": "RECORD", "screen_no": "RECORD", "screen_no2": "RECORD", "rand_no": "RECORD",
    "sample_no": "RECORD", "chart": "RECORD", "rx": "RECORD", "hospice_id": "RECORD", "mrn2": "RECORD",
    # encounters and accounts
    "consult_no": "ACCOUNT", "fin": "ACCOUNT", "csn": "ACCOUNT", "enc": "ACCOUNT", "visit": "ACCOUNT", "wechat": "ACCOUNT",
    # insurance
    "ins_card": "INSURANCE", "medicaid": "INSURANCE", "sub_id": "INSURANCE", "auth": "INSURANCE",
    # personal identifiers
    "emp_no": "ID", "student_no": "ID", "emp_id": "ID", "student_id": "ID", "dl": "ID",
    # devices and vehicles
    "machine_sn": "DEVICE", "plate": "VEHICLE",
}
_clash = {k for k in ROUND6_CATEGORY if deid.CATEGORY.get(k, ROUND6_CATEGORY[k]) != ROUND6_CATEGORY[k]}  # (re-import safe)
assert not _clash, f"round-6 fields clash with earlier rounds: {_clash}"
deid.CATEGORY.update(ROUND6_CATEGORY)

_CN = "〇一二三四五六七八九"
_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_WORDS = ["和平", "幸福", "长青", "新华", "东风", "红旗", "光明", "建设", "向阳", "团结", "永安", "石桥", "柳树", "桃园", "龙泉", "金沙", "清河", "白塔"]
_COMPOUND = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "慕容", "令狐", "尉迟", "长孙")
_EN_FAKER = Faker("en_US")  # English names inside Chinese notes; reseeded from rng on every call


def _day(rng: random.Random, start: int = 2016, years: int = 10) -> tuple[date, int, int]:
    d = date(start, 1, 1) + timedelta(days=rng.randint(0, 365 * years - 1))
    return d, rng.randint(0, 23), rng.randint(0, 59)


def _sfx(n: int) -> str:
    return "th" if 11 <= n <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _cn_age(n: int) -> str:
    if n < 100:
        tens, ones = divmod(n, 10)
        return _CN[tens] + "十" + (_CN[ones] if ones else "")
    rest = n - 100
    return "一百" + (("零" + _CN[rest]) if rest else "")


def _en_age(n: int) -> str:
    tens, ones = divmod(n, 10)
    return "ninety" + (f"-{_ONES[ones]}" if ones else "")


def _rid_born(born: date, rng: random.Random) -> str:
    """A resident ID number (with a valid check digit) for someone born on `born`."""
    body = f"{rng.choice([110105, 310104, 440305, 510107, 320102, 330782])}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    w = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(c) * x for c, x in zip(body, w)) % 11]


def _zh_when(rng: random.Random) -> str:
    d, _, _ = _day(rng)
    return rng.choice([f"{d.year}年{d.month}月{d.day}日", f"{d:%y}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}号", f"{d.year}.{d.month}.{d.day}",
                       f"{d:%y}.{d.month:02d}.{d.day:02d}", f"{d:%Y/%m/%d}", f"{d:%y}年{d.month}月{d.day}日", f"{d:%Y-%m-%d}"])


def _zh_md(rng: random.Random) -> str:
    d, _, _ = _day(rng)
    return rng.choice([f"{d.month}.{d.day}", f"{d.month}/{d.day}", f"{d.month}月{d.day}日", f"{d.month}-{d.day}", f"{d.month}月{d.day}号"])


def _zh_dt(rng: random.Random) -> str:
    d, h, m = _day(rng)
    return rng.choice([f"{d:%Y-%m-%d} {h:02d}:{m:02d}", f"{d.year}/{d.month}/{d.day} {h}:{m:02d}", f"{d.year}年{d.month}月{d.day}日 {h:02d}:{m:02d}",
                       f"{d:%y-%m-%d} {h:02d}:{m:02d}", f"{d:%Y.%m.%d} {h:02d}:{m:02d}:{rng.randint(0, 59):02d}", f"{d.year}年{d.month}月{d.day}日{h}时{m}分"])


def _zh_dob(rng: random.Random, start: int = 1925, years: int = 75) -> str:
    d, _, _ = _day(rng, start, years)
    return rng.choice([f"{d.year}年{d.month}月{d.day}日", f"{d:%Y-%m-%d}", f"{d:%Y%m%d}", f"{d.year}.{d.month}.{d.day}", f"{d:%Y/%m/%d}"])


def _en_when(rng: random.Random) -> str:
    d, _, _ = _day(rng)
    return rng.choice([f"{d:%m/%d/%y}", f"{d.day}-{d:%b}-{d.year}", f"{d:%b} {d.day} '{d:%y}", f"{d:%B} {d.day}{_sfx(d.day)}, {d.year}",
                       f"{d:%d%b%y}".upper(), f"{d.month}/{d.day}/{d.year}", f"{d:%Y-%m-%d}", f"{d:%m-%d-%Y}"])


def _en_md(rng: random.Random) -> str:
    d, _, _ = _day(rng)
    return rng.choice([f"{d.month}/{d.day}", f"{d:%B} {d.day}{_sfx(d.day)}", f"{d:%b} {d.day}", f"{d:%m/%d}"])


def _en_dt(rng: random.Random) -> str:
    d, h, m = _day(rng)
    return rng.choice([f"{d:%m/%d/%Y} {h:02d}:{m:02d}", f"{d.month}/{d.day}/{d:%y} {h:02d}{m:02d}", f"{d:%Y-%m-%d}T{h:02d}:{m:02d}",
                       f"{d:%m/%d/%Y} {h % 12 or 12}:{m:02d} {'AM' if h < 12 else 'PM'}", f"{d.month}/{d.day}/{d.year} @ {h:02d}{m:02d}"])


def _en_dob(rng: random.Random, start: int = 1925, years: int = 75) -> str:
    d, _, _ = _day(rng, start, years)
    return rng.choice([f"{d:%m/%d/%Y}", f"{d.month}/{d.day}/{d:%y}", f"{d:%Y-%m-%d}", f"{d:%d-%b-%Y}".upper(), f"{d:%b} {d.day}, {d.year}", f"{d:%m-%d-%Y}"])


def _mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randint(0, 9)}{rng.randint(10 ** 7, 10 ** 8 - 1)}"


def _zh_phone(rng: random.Random) -> str:
    m = _mobile(rng)
    area, line, ext = rng.choice(["571", "21", "10", "755", "28", "27"]), str(rng.randint(2 * 10 ** 7, 9 * 10 ** 7)), rng.randint(100, 9999)
    return rng.choice([f"+86 {m[:3]} {m[3:7]} {m[7:]}", f"+86-{m}", f"(+86){m}", f"{m[:3]} {m[3:7]} {m[7:]}", f"0{area}-{line}转{ext}",
                       f"(0{area}){line}-{ext}", f"+86-{area}-{line}", f"0{area} {line[:4]} {line[4:]}", f"+86 {area} {line[:4]} {line[4:]} 分机{ext}"])


def _en_phone(rng: random.Random) -> str:
    a, b, c, ext = rng.randint(201, 989), rng.randint(200, 999), f"{rng.randint(0, 9999):04d}", rng.randint(10, 9999)
    return rng.choice([f"+1 ({a}) {b}-{c}", f"+1-{a}-{b}-{c}", f"({a}) {b}-{c} ext. {ext}", f"{a}.{b}.{c} x{ext}", f"1-{a}-{b}-{c}",
                       f"{a}-{b}-{c}, ext {ext}", f"+1 {a} {b} {c}"])


def _zh_addr_village(f: Faker, rng: random.Random) -> str:
    county, town = f.city_name() + "县", rng.choice(_WORDS) + rng.choice(["镇", "乡"])
    village = rng.choice([f.last_name() + rng.choice(["家村", "庄村", "家湾村", "集村"]), rng.choice(_WORDS) + "村"])
    grp = rng.choice([str(rng.randint(1, 12)), _cn_age(rng.randint(1, 9))[-1]])
    return rng.choice([f"{f.province()}{f.city()}{county}{town}{village}{grp}组{rng.randint(1, 80)}号", f"{county}{town}{village}{grp}组",
                       f"{f.city()}{county}{town}{village}{rng.randint(1, 120)}号"])


def _zh_addr_city(f: Faker, rng: random.Random) -> str:
    comm, b, u, room = rng.choice(_WORDS), rng.randint(1, 30), rng.randint(1, 6), rng.randint(101, 2802)
    return rng.choice([f"{f.city()}{f.district()}区{f.street_name()}街道{comm}社区{b}幢{u}单元{room}室", f"{f.district()}区{comm}小区{b}栋{u}单元{room}",
                       f"{f.city()}{f.district()}区{f.street_name()}{rng.randint(1, 300)}号院{b}号楼{room}室",
                       f"{f.province()}{f.city()}{f.district()}区{comm}社区{f.street_name()}{rng.randint(1, 200)}号"])


def _en_addr(f: Faker, rng: random.Random) -> str:
    bn, st, city, sa, z = f.building_number(), f.street_name(), f.city(), f.state_abbr(), f.zipcode()
    n = rng.randint(1, 40)
    return rng.choice([f"{bn} {st}, Apt {n}{rng.choice('ABCDEF')}, {city}, {sa} {z}", f"{bn} {st}, Unit {rng.randint(100, 999)}, {city}, {sa} {z}",
                       f"{bn} {st} #{rng.randint(2, 420)}, {city} {sa} {z}", f"PO Box {rng.randint(10, 9999)}, {city}, {sa} {z}",
                       f"{bn} {st}, Rm {rng.randint(100, 350)}, {city}, {sa}"])


def round6_zh_values(f: Faker, rng: random.Random, v: dict[str, str]) -> dict[str, str]:
    """Round-6 fields for a Chinese note (v: the round-1 and round-5 values already drawn)."""
    _EN_FAKER.seed_instance(rng.randint(0, 2 ** 31))
    d, _, _ = _day(rng)
    yy, area = f"{d:%y}", rng.choice(["330782", "410523", "522401", "360124", "130633", "440306"])
    old = rng.randint(90, 104)
    name = v["name"]
    sur, given = f.last_romanized_name(), f.first_romanized_name()
    s2, g2 = f.last_romanized_name(), f.first_romanized_name()
    en_first = _EN_FAKER.first_name()
    site = rng.randint(1, 40)
    seq = rng.sample(range(1, 400), 2)
    child = _day(rng, 2010, 9)[0]
    child_dob = rng.choice([f"{child.year}年{child.month}月{child.day}日", f"{child:%Y-%m-%d}", f"{child:%Y%m%d}", f"{child.year}.{child.month}.{child.day}"])
    return {
        "nurse": f.name(), "nurse2": f.name(), "kin2": f.name(), "kin3": f.name(), "name2": f.name(), "name3": f.name(),
        "pt_sur": name[:2] if name[:2] in _COMPOUND else name[0],
        "en_name_zh": rng.choice([f"{en_first} {f.last_romanized_name()}", en_first, f"{en_first} {f.last_romanized_name().upper()}"]),
        "initials": rng.choice([(sur[:2] + given[:2]).upper(), (sur[0] + given[0]).upper(), f"{sur[0]}-{given[0]}".upper()]),
        "initials2": rng.choice([(s2[:2] + g2[:2]).upper(), (s2[0] + g2[0]).upper()]),
        "when1": _zh_when(rng), "when2": _zh_when(rng), "when3": _zh_when(rng), "md1": _zh_md(rng), "md2": _zh_md(rng),
        "dt1": _zh_dt(rng), "dt2": _zh_dt(rng), "dob6": _zh_dob(rng), "dob_b": _zh_dob(rng, 1950, 55), "dob_child": child_dob,
        "age_old": str(old), "age_old_words": _cn_age(old),
        "age_young": str(rng.randint(21, 39)), "age_child": str(rng.randint(6, 13)), "rel_parent": rng.choice(["母亲", "父亲", "奶奶", "外婆"]),
        "phone_x": _zh_phone(rng), "phone_y": rng.choice([_zh_phone(rng), _mobile(rng)]),
        "addr_v": _zh_addr_village(f, rng), "addr_c": _zh_addr_city(f, rng),
        "email6": rng.choice([f"{f.user_name()}{rng.randint(1, 99)}@{rng.choice(['163.com', '126.com', 'qq.com', 'sina.com', '139.com'])}",
                              f"{rng.randint(10 ** 6, 10 ** 10)}@qq.com", f"{sur.lower()}{given.lower()}{rng.randint(60, 99)}@163.com"]),
        "url6": rng.choice([f"https://hlwyy.{f.domain_name()}/h5/report?pid={rng.randint(10 ** 6, 10 ** 8)}",
                            f"http://{f.domain_name()}/wx/patient/{rng.randint(10 ** 5, 10 ** 7)}",
                            f"https://www.{f.domain_name()}/yygh/user/{f.lexify('????????', letters='abcdefghjkmnpqrstuvwxyz0123456789')}"]),
        "login_ip": rng.choice([f.ipv4_public(), f.ipv4_private()]),
        "card": rng.choice([str(rng.randint(10 ** 9, 10 ** 10 - 1)), f"000{rng.randint(10 ** 6, 10 ** 7 - 1)}", f"JZ{rng.randint(10 ** 7, 10 ** 8 - 1)}",
                            f"{rng.choice('ACK')}{rng.randint(10 ** 7, 10 ** 8 - 1)}"]),
        "reg": rng.choice([f"{rng.randint(1, 10 ** 8 - 1):010d}", f"DJ{rng.randint(10 ** 6, 10 ** 7 - 1)}", str(rng.randint(10 ** 5, 10 ** 7))]),
        "barcode": rng.choice([f"{d:%y%m%d}{rng.randint(10 ** 5, 10 ** 6 - 1)}{rng.randint(0, 9)}", str(rng.randint(10 ** 11, 10 ** 12 - 1))]),
        "pid": rng.choice([str(rng.randint(10 ** 6, 10 ** 7 - 1)), f"P{rng.randint(10 ** 8, 10 ** 9 - 1)}", str(rng.randint(10 ** 9, 10 ** 10 - 1))]),
        "health_rec": rng.choice([f"{area}{rng.randint(1, 30):03d}{rng.randint(1, 40):03d}{rng.randint(1, 99999):05d}",
                                  f"{area}-{rng.randint(1, 30):03d}-{rng.randint(1, 40):03d}-{rng.randint(1, 99999):05d}"]),
        "mch_book": rng.choice([f"{area}{d.year}{rng.randint(1, 99999):05d}", f"YC{yy}{rng.randint(1, 999999):06d}"]),
        "hd_no": rng.choice([f"HD{rng.randint(1, 999):04d}", f"T{yy}{rng.randint(1, 999):03d}"]),
        "exam_no": rng.choice([f"TJ{d:%Y%m%d}{rng.randint(1, 9999):04d}", f"{d:%y%m%d}{rng.randint(1000, 9999)}"]),
        "screen_no": rng.choice([f"S{site:02d}{seq[0]:03d}", f"{site:02d}-{seq[0]:03d}", f"S-{site:03d}-{seq[0]:04d}"]),
        "screen_no2": f"S{site:02d}{seq[1]:03d}",
        "rand_no": rng.choice([f"R{rng.randint(1000, 9999)}", str(rng.randint(100000, 999999))]),
        "sample_no": rng.choice([f"GZ{yy}{rng.randint(1, 999999):06d}", f"YC-{yy}-{rng.randint(1, 99999):05d}"]),
        "consult_no": f"WZ{d:%Y%m%d}{rng.randint(10 ** 5, 10 ** 6 - 1)}",
        "ins_card": rng.choice([f"{rng.choice(['1101', '3301', '4403', '5101', '3201'])}{rng.randint(10 ** 8, 10 ** 9 - 1)}",
                                f"{rng.choice('ABCDEFGH')}{rng.randint(10 ** 7, 10 ** 8 - 1)}", f"H{rng.randint(10 ** 10, 10 ** 11 - 1)}"]),
        "emp_no": rng.choice([str(rng.randint(10000, 99999)), f"GH{rng.randint(10 ** 5, 10 ** 6 - 1)}", f"{rng.choice('ABCD')}{rng.randint(1000, 9999)}"]),
        "student_no": "G" + _rid_born(child, rng),
        "wechat": rng.choice([f"wxid_{f.lexify('??????????????', letters='abcdefghijklmnopqrstuvwxyz0123456789')}",
                              f"{f.user_name()}{rng.randint(1, 999)}", f"{sur.lower()}_{given.lower()}{rng.randint(1, 99)}"]),
        "machine_sn": rng.choice([f"{rng.choice(['8YHA', '4SKB', '2BFC'])}{rng.randint(10 ** 5, 10 ** 6 - 1)}", str(rng.randint(10 ** 9, 10 ** 10 - 1))]),
    }


def round6_en_values(f: Faker, rng: random.Random, v: dict[str, str]) -> dict[str, str]:
    """Round-6 fields for an English note (v: the round-1 and round-5 values already drawn)."""
    d, _, _ = _day(rng)
    yy, first, last = f"{d:%y}", v["first"], v["last"]
    old = rng.randint(90, 104)
    old_w = rng.randint(90, 99)  # in words: "ninety-three-year-old"
    mi = rng.choice("ABCDEFGHJKLMNPRSTW")
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    site = rng.randint(101, 140)
    seq = rng.sample(range(1, 200), 2)
    f2, l2 = f.first_name(), f.last_name()
    nf, nl = f.first_name(), f.last_name()
    dl = rng.choice([f"{rng.choice(letters)}{rng.randint(10 ** 6, 10 ** 7 - 1)}", f"{rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
                     f"{rng.choice(letters)}{rng.randint(100, 999)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}", str(rng.randint(10 ** 7, 10 ** 8 - 1))])
    return {
        "nurse": f"{nf} {nl}", "nurse_fi": f"{f.first_name()} {f.last_name()[0]}", "nurse_first": f.first_name(),
        "kin2": f"{f.first_name()} {f.last_name()}", "kin2_first": f.first_name(), "kin3": f"{f.first_name()} {f.last_name()}",
        "name2": rng.choice([f"{l2.upper()}, {f2.upper()}", f"{l2}, {f2}", f"{f2} {l2}"]), "chaplain": f"{f.first_name()} {f.last_name()}",
        "initials": rng.choice([f"{first[0]}{mi}{last[0]}", f"{first[0]}-{mi}-{last[0]}", f"{first[0]}-{last[0]}", f"{first[0]}{last[0]}"]),
        "initials2": rng.choice([f"{rng.choice(letters)}{rng.choice(letters)}{rng.choice(letters)}", f"{rng.choice(letters)}-{rng.choice(letters)}"]),
        "when1": _en_when(rng), "when2": _en_when(rng), "when3": _en_when(rng), "md1": _en_md(rng), "md2": _en_md(rng),
        "dt1": _en_dt(rng), "dt2": _en_dt(rng), "dob6": _en_dob(rng), "dob_b": _en_dob(rng, 1940, 50), "dob_child": _en_dob(rng, 2007, 5),
        "ord_date": (lambda dd: rng.choice([f"{dd.day}{_sfx(dd.day)} of {dd:%B}", f"{dd.day}{_sfx(dd.day)} of {dd:%B}, {dd.year}",
                                            f"{dd.day}{_sfx(dd.day)} of {dd:%B} {dd.year}"]))(_day(rng)[0]),
        "age_old": str(old), "age_old_words": _en_age(old_w), "age_teen": str(rng.randint(14, 17)), "state": f.state_abbr(),
        "phone_x": _en_phone(rng), "phone_y": rng.choice([_en_phone(rng), f.phone_number()]),
        "addr_unit": _en_addr(f, rng), "city_st": f"{f.city()}, {f.state_abbr()}",
        "email6": rng.choice([f.free_email(), f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@{rng.choice(['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'aol.com'])}",
                              f"{first[0].lower()}{last.lower()}{rng.randint(40, 99)}@{f.free_email_domain()}"]),
        "url6": rng.choice([f"https://mychart.{f.domain_name()}/MyChart/Signup?code={f.bothify('?????-?????').upper()}",
                            f"https://{f.domain_name()}/portal/patient/{rng.randint(10 ** 5, 10 ** 8)}",
                            f"https://telehealth.{f.domain_name()}/join?room={f.lexify('??????????', letters='abcdefghijkmnpqrstuvwxyz23456789')}",
                            f"https://{f.domain_name()}/visit/{rng.randint(10 ** 8, 10 ** 9)}"]),
        "login_ip": rng.choice([f.ipv4_public(), f.ipv4_private()]),
        "fin": rng.choice([str(rng.randint(10 ** 8, 10 ** 9 - 1)), str(rng.randint(10 ** 9, 10 ** 10 - 1)), f"F{rng.randint(10 ** 7, 10 ** 8 - 1)}"]),
        "csn": str(rng.randint(10 ** 9, 10 ** 11 - 1)),
        "enc": rng.choice([f"E{rng.randint(10 ** 8, 10 ** 9 - 1)}", f"ENC-{yy}-{rng.randint(10 ** 5, 10 ** 6 - 1)}", str(rng.randint(10 ** 7, 10 ** 8 - 1))]),
        "visit": rng.choice([f"V{rng.randint(10 ** 7, 10 ** 8 - 1)}", f"{rng.randint(10 ** 6, 10 ** 7 - 1)}-{rng.randint(1, 9)}",
                             f"TV-{f.bothify('####-????').upper()}"]),
        "chart": rng.choice([str(rng.randint(10 ** 4, 10 ** 6 - 1)), f"C-{rng.randint(1, 10 ** 6 - 1):06d}", f"{last[:3].upper()}{rng.randint(100, 999)}"]),
        "medicaid": rng.choice([f"{rng.choice(letters)}{rng.choice(letters)}{rng.randint(10000, 99999)}{rng.choice(letters)}",
                                f"9{rng.randint(10 ** 7, 10 ** 8 - 1)}{rng.choice('ABCDEFGH')}", str(rng.randint(10 ** 8, 10 ** 9 - 1))]),
        "sub_id": rng.choice([f"{f.bothify('???').upper()}{rng.randint(10 ** 8, 10 ** 9 - 1)}", f"W{rng.randint(10 ** 8, 10 ** 9 - 1)}",
                              f"{rng.randint(10 ** 8, 10 ** 9 - 1)} 01", f"ZGP{rng.randint(10 ** 8, 10 ** 9 - 1)}"]),
        "auth": rng.choice([f"PA{rng.randint(10 ** 7, 10 ** 8 - 1)}", f"{yy}{rng.randint(10 ** 6, 10 ** 7 - 1)}A", f"A{rng.randint(10 ** 8, 10 ** 9 - 1)}"]),
        "hospice_id": rng.choice([f"H{rng.randint(10 ** 5, 10 ** 6 - 1)}", f"{rng.randint(10 ** 5, 10 ** 6 - 1)}-HOS"]),
        "rx": rng.choice([str(rng.randint(10 ** 6, 10 ** 7 - 1)), f"{rng.randint(10 ** 6, 10 ** 7 - 1)}-{rng.randint(10 ** 4, 10 ** 5 - 1)}",
                          f"RX{rng.randint(10 ** 6, 10 ** 7 - 1)}"]),
        "screen_no": rng.choice([f"{site}-{seq[0]:03d}", f"{site}{seq[0]:03d}", f"SCR-{site}-{seq[0]:03d}"]), "screen_no2": f"{site}-{seq[1]:03d}",
        "rand_no": rng.choice([f"R{rng.randint(1000, 9999)}", str(rng.randint(100000, 999999))]),
        "mrn2": str(rng.randint(10 ** 6, 10 ** 8)),
        "pid": rng.choice([str(rng.randint(10 ** 6, 10 ** 7 - 1)), f"PT{rng.randint(10 ** 6, 10 ** 7 - 1)}", f"{rng.randint(100, 999)}-{rng.randint(10 ** 4, 10 ** 5 - 1)}"]),
        "emp_id": rng.choice([f"E{rng.randint(10 ** 4, 10 ** 6 - 1)}", f"{rng.randint(1, 10 ** 6 - 1):06d}", f"{f.bothify('??').upper()}-{rng.randint(1000, 9999)}"]),
        "student_id": rng.choice([str(rng.randint(10 ** 6, 10 ** 7 - 1)), f"S{rng.randint(10 ** 7, 10 ** 8 - 1)}", str(rng.randint(10 ** 8, 10 ** 9 - 1))]),
        "dl": dl,
        "machine_sn": rng.choice([f"{rng.randint(1, 9)}{f.bothify('??').upper()}{rng.randint(10 ** 5, 10 ** 6 - 1)}", str(rng.randint(10 ** 7, 10 ** 8 - 1))]),
        "plate": rng.choice([f"{rng.randint(1, 9)}{f.bothify('???').upper()}{rng.randint(100, 999)}", f"{f.bothify('???').upper()}-{rng.randint(1000, 9999)}",
                             f"{f.bothify('???').upper()} {rng.randint(1000, 9999)}"]),
    }


def _draw(n: int, seed: int) -> list[tuple[str, str, dict[str, str]]]:
    """(lang, template, values) for each note; make_round6_notes renders them."""
    return deid.draw(n, seed, ROUND6_ZH, ROUND6_EN, (deid._round5_zh, round6_zh_values), (deid.round5_en_values, round6_en_values))


def make_round6_notes(n: int, seed: int) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    """n notes, alternating zh and en, as (lang, text, gold spans), like deid.make_notes."""
    return [(lang, *deid.render(template, values)) for lang, template, values in _draw(n, seed)]


def _check(n: int = 200, seed: int = 12) -> None:
    deid.check_round("round-6", _draw(n, seed), make_round6_notes(n, seed), ROUND6_ZH, ROUND6_EN, ROUND6_CATEGORY,
                     {"sex", "bed", "cc", "dx", "hosp", "hosp2", "sex_title", "pos_kin", "rel_zh", "rel", "rel_sub", "sex_1",
                      "age_young", "age_child", "age_teen", "state", "rel_parent"})


if __name__ == "__main__":
    _check()
    deid.show_notes(make_round6_notes(200, 12))
