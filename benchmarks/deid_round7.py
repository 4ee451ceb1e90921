"""Round 7 of the de-identification benchmark: blind templates, to be scored once.

Written blind on 2026-11-22 by someone who had not seen the recognizers (src/openmfm/), their
tests, the docs or any earlier score, and who did not run the de-identifier while writing them.
Only benchmarks/deid.py and benchmarks/deid_round6.py were read, for the format and so that the
note styles below are new. The set is meant to be scored ONCE, to measure how the de-identifier
does on note styles it has never been tuned on. Once scored it is no longer blind: do not tune
on it.

Note styles not used by rounds 1-6: 120 pre-hospital run record / EMS patient care report,
中医门诊病历 (舌苔脉象, 处方), 体检报告 summary page, 出生医学证明 worksheet, newborn screening
card (tab-separated), blood bank crossmatch request (| tables), court-ordered forensic
psychiatric evaluation, poison-centre case record, wound-care flowsheet, endoscopy report,
sleep study (PSG) report, audiology report with hearing-aid fitting, organ donation family
consent / OPO referral log, inpatient diet order, interfacility transport request, rehabilitation
discharge plan (bulleted), hospital-at-home message threads (WeChat-style and secure text),
research consent withdrawal letter, insurance appeal letters, anaesthesia pre-op evaluation,
cancer registry abstract, fitness-to-fly (MEDIF) form, a JSON device-alert log and an HL7 v2
ADT message (MSH/EVN/PID/NK1/PV1/IN1 segments).

What they exercise: staff and relatives' names in prose, tables, signatures and message
senders; nicknames (小王, 老周, 阿芳, “狗蛋”, "Bobby", "Peggy"); names with suffixes (Jr., III:
the suffix is left outside the gold span, like titles and degrees); Chinese compound surnames
(欧阳, 司马, 上官 ...); Uyghur / Tibetan / Mongolian names (阿依古丽·买买提, 扎西顿珠) and
hyphenated / apostrophe English names; airline LAST/FIRST and HL7 LAST^FIRST^M names; ages
over 89; dates in many formats (农历 month/day, month-year only, HL7 timestamps, ISO 8601
with offset, 凌晨3点20分, 14时05分, 05.03.2025); phones with +86 / 0086 / +1 / +44, 转 and
ext.; addresses with 村/组/社, 号楼/单元/室, compact 12-3-502, Apt/Suite/PO Box/RR/Lot, street
intersections, counties; licence plates (incl. new-energy 粤BD12345) and VINs; e-mails with
plus tags; report / portal / video URLs; IPv4 and IPv6; device serials and an IMEI; and record,
account, insurance and ID numbers behind labels invented here (调度单号, 门诊流水号, 鉴定文书
编号, 案号, 捐献案例编号, 服务单号, 租赁单号, PNR, BB armband #, Kit #, PCR #, Booking #,
Referral #, Rehab ID ...).

Non-PHI look-alikes are left unlabelled on purpose: times of day alone (14:03, 0530, [07:02]),
durations, doses, lab values, AHI and audiogram numbers, ICD-O / AJCC / CPT codes, G/P notation,
IDDSI levels, tooth-free but number-heavy tables, flight numbers, scope models (GIF-H290Z),
ages under 90, hotlines (120, 911), hospital, court, insurer, DME and home-health agency names,
departments, job titles and relationship words.

Every PHI value comes from a placeholder, so deid.render() labels it. New placeholders and
their categories are in ROUND7_CATEGORY (merged into deid.CATEGORY on import; the names do
not collide with earlier rounds). Round-7 notes also draw the round-1, round-5 and round-6
fields, so templates may use e.g. {doc_last}, {rel}, {rel_zh}, {kin2}, {pt_sur}, {sex_1}.

Build notes: make_round7_notes(n, seed) -> [(lang, text, spans)], half zh, half en, like
deid.make_notes. `python benchmarks/deid_round7.py` only renders and checks the gold labels.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

from faker import Faker

sys.path.insert(0, str(Path(__file__).resolve().parent))
import deid  # noqa: E402  (benchmarks/deid.py)
import deid_round6 as r6  # noqa: E402  (round-6 fields; also merges ROUND6_CATEGORY)

ROUND7_ZH = [
    # 1. 120 pre-hospital emergency run record.
    "{hosp}急救站　院前急救病历（出车记录）\n调度单号：{run_no}　　受理时间：{dt7a}\n呼救电话：{tel_a}　　呼救人：{rel_a}（自称患者{rel_zh}）\n"
    "接车地点：{loc7}\n出车 14:03 ｜ 到达现场 14:15 ｜ 离开现场 14:31 ｜ 到达医院 14:52\n"
    "患者：{name}，{sex}，约{age}岁（未携带身份证件，信息由家属口述）\n"
    "现场情况：患者驾驶小型轿车（车牌{plate7}）与货车追尾，自行爬出车外，诉胸痛、左前臂疼痛，否认昏迷史。\n"
    "查体：GCS 15分，BP 98/60mmHg，HR 118次/分，SpO2 94%，左前臂畸形，胸廓挤压痛(+)。\n"
    "处置：颈托固定，左前臂夹板固定，建立静脉通道（0.9%NS 500ml），鼻导管吸氧4L/min，心电监护。\n"
    "交接：送{hosp2}急诊，交接护士{staff_b}，交接时间14:55。\n随车医生：{staff_a}　随车护士：{nick_staff}　驾驶员：{staff_c}\n"
    "备注：家属{rel_a}已电话通知，自行前往医院。",
    # 2. Traditional Chinese medicine outpatient record.
    "{hosp}中医科门诊病历\n门诊流水号：{tcm_no}　　初诊日期：{d7a}\n姓名：{cname}　性别：{sex}　年龄：{age}岁　职业：退休教师\n"
    "出生日期：{dob7}（农历{lunar7}）\n住址：{addr7}　　电话：{tel_a}\n主诉：失眠多梦3月余，加重1周。\n"
    "现病史：患者3月前{rel_zh}{rel_a}病故后出现入睡困难，多梦易醒，醒后难以再睡，伴心烦、口苦、头晕，纳差，大便干结2～3日一行，小便黄。\n"
    "舌脉：舌红，苔黄腻，脉弦滑数。\n中医诊断：不寐（痰热扰心证）\n西医诊断：失眠障碍\n治法：清热化痰，和中安神。\n"
    "处方：黄连温胆汤加减\n黄连6g　竹茹12g　枳实10g　法半夏9g　陈皮10g　茯苓15g　酸枣仁30g　远志10g　龙骨30g（先煎）　甘草6g\n"
    "7剂，水煎服，日一剂，早晚分服。\n医嘱：忌辛辣，睡前勿饮浓茶；{md7}复诊。\n医师：{staff_a}　　抄方：{staff_b}",
    # 3. Health check-up report, summary page.
    "{hosp}健康管理中心\n健 康 体 检 报 告\n体检号：{exam7}\n姓　　名：{name}\n性　　别：{sex}　　年　　龄：{age}\n身份证号：{rid}\n"
    "联系电话：{tel_a}\n体检日期：{d7a}　　报告日期：{d7b}\n"
    "────────── 总检结论 ──────────\n① 血压偏高（146/92mmHg），建议心内科随诊；\n② 空腹血糖 6.4mmol/L，糖化血红蛋白 6.1%，建议糖尿病筛查；\n"
    "③ 甲状腺右叶结节（TI-RADS 3类，0.8cm×0.6cm），建议6个月后复查超声；\n④ 低密度脂蛋白 4.12mmol/L↑；\n"
    "⑤ 幽门螺杆菌C13呼气试验阳性（DOB值 18.6）。\n总检医师：{staff_a}　　审核医师：{staff_b}\n"
    "电子报告查询：{link7}（初始密码为身份证后6位）\n本报告仅对本次检查负责。",
    # 4. Birth certificate (出生医学证明) worksheet, minority mother.
    "出生医学证明（首次签发）登记表\n出生医学证明编号：{cert_no}\n新生儿姓名：{baby7}　　性别：{sex}\n出生时间：{dt7a}\n"
    "出生孕周：39+2周　　出生体重：3250克　　出生身长：50厘米\n出生地点：{bplace7}　　医疗机构名称：{hosp}\n"
    "母亲姓名：{mname}　　年龄：{age_m7}岁　　民族：{ethnic7}　　国籍：中国\n母亲有效身份证件号码：{rid}\n"
    "父亲姓名：{rel_b}　　年龄：{age_f7}岁　　民族：汉族　　国籍：中国\n父亲有效身份证件号码：{rid7}\n"
    "家庭住址：{addr7}\n接生人员：{staff_a}　　签发人：{staff_b}　　签发日期：{d7b}\n备注：新生儿姓名经父母双方确认；母亲联系电话{tel_a}。",
    # 5. Newborn screening blood-spot card, tab-separated.
    "新生儿疾病筛查采血卡\n卡号\t{nbs_card}\n采血单位\t{hosp}产科\n母亲姓名\t{name}\t母亲住院号\t{mrn}\n"
    "新生儿性别\t{sex}\t出生时间\t{dt7a}\n孕周\t38+5\t出生体重\t3100g\n采血时间\t{dt7b}\t喂养方式\t母乳\n"
    "联系电话\t{tel_a}\t备用电话\t{tel_b}\n家庭住址\t{addr7}\n采血人\t{staff_a}\t送检日期\t{md7}\n"
    "筛查项目：PKU、CH、CAH、G6PD\n注：请在出生72小时后、充分哺乳6～8次后采血；如结果可疑，筛查中心将电话召回。",
    # 6. Blood bank crossmatch request, | tables.
    "{hosp}输血科　临床输血申请单（配血）\n申请单号：{bb_no}　　标本条码：{spec_bar}\n"
    "受血者姓名 | 性别 | 年龄 | 科别 | 床号 | 住院号\n{cname} | {sex} | {age90} | 骨科 | {bed} | {mrn}\n"
    "ABO血型：A型　RhD：阳性　不规则抗体筛查：阴性\n既往输血史：有（{my7}于外院输悬浮红细胞2U，无不良反应）　妊娠史：G3P2\n"
    "输血前检查：Hb 68g/L　PLT 182×10^9/L　HBsAg(-)　抗-HCV(-)　抗-HIV(-)　TP(-)\n"
    "申请成分 | 数量 | 预定输血时间\n悬浮红细胞 | 2U | {dt7b}\n新鲜冰冻血浆 | 400ml | 备用\n"
    "申请医师：{staff_a}（工号{emp7}）　上级医师审核：{staff_b}\n采血护士：{staff_c}　采血时间：{dt7a}\n"
    "交叉配血：主侧（-）次侧（-）　配血者：{staff_d}",
    # 7. Court-ordered forensic psychiatric evaluation, summary.
    "司法鉴定意见书（摘要）\n鉴定文书编号：{forensic_no}\n委托单位：{court7}\n委托事项：被鉴定人作案时精神状态及刑事责任能力评定\n"
    "案号：{case_no}\n受理日期：{d7a}　　鉴定日期：{d7b}\n"
    "被鉴定人：{name}，{sex}，{age}岁，小名“{nick_pt}”，初中文化，无业，户籍地{addr7}。\n"
    "案情摘要：据委托方提供的材料，被鉴定人于{dt7a}在其所住村内持菜刀砍伤邻居{rel_b}，致其左上肢重伤。\n"
    "调查材料：被鉴定人之母{rel_a}反映，被鉴定人自{my7}起出现自言自语、怀疑邻居在其饭菜中下毒，未曾就医。\n"
    "精神检查：意识清，接触被动，存在被害妄想、评论性幻听，自知力缺失。\n"
    "鉴定意见：1. 被鉴定人{name}诊断为精神分裂症；2. 作案时处于发病期，对本次作案行为评定为无刑事责任能力。\n"
    "司法鉴定人：{staff_a}（执业证号{lic7}）　{staff_b}（执业证号{lic7b}）",
    # 8. Poison information centre call record.
    "中毒咨询热线来电记录\n咨询编号：{poison_case}\n来电时间：{dt7a}　　来电号码：{tel_a}\n来电人：{rel_a}（患儿{rel_parent}）\n"
    "患者：{name}，{sex}，{age_tod}岁，体重约14kg\n"
    "暴露情况：约40分钟前患儿趁家人不注意，误服家中老人{rel_b}的降压药（硝苯地平控释片30mg）约3～4片，现嗜睡、面色潮红。\n"
    "所在地：{loc7}\n咨询意见：立即拨打120或就近送医；勿催吐；携带药盒就诊；可能出现低血压、心动过速，需心电监护至少24小时。\n"
    "随访：{dt7b}回拨{tel_b}（患儿父亲{kin}），已在{hosp}儿科急诊留观，血压平稳。\n接线药师：{staff_a}　复核：{staff_b}",
    # 9. Wound / pressure-injury care chart, tab-separated.
    "伤口/造口护理记录单\n姓名：{name}　年龄：{age90}岁　住院号：{mrn}　科室：老年医学科　床号：{bed}\n"
    "压力性损伤来源：院外带入（{rel_zh}{rel_a}诉患者在家卧床已2月）\n"
    "日期\t部位\t分期\t大小(cm)\t渗液\t敷料\t护士\n{md7}\t骶尾部\t3期\t6×4×1.5\t中量黄色\t藻酸盐银+泡沫\t{staff_a}\n"
    "{md7b}\t骶尾部\t3期\t5.5×4×1.2\t中量\t藻酸盐银+泡沫\t{staff_b}\n{md7c}\t左足跟\t深部组织损伤\t3×3\t无\t水胶体\t{nick_staff}\n"
    "负压治疗：{md7b}起使用负压伤口治疗仪（设备序列号{vac_sn}），-125mmHg持续模式。\n伤口专科护士会诊：{staff_c}，联系电话{tel_b}",
    # 10. Gastroscopy report.
    "{hosp}消化内镜中心\n电子胃镜检查报告\n检查号：{endo_no}　　门诊/住院号：{mrn}\n姓名：{name}　性别：{sex}　年龄：{age}岁　　检查时间：{dt7a}\n"
    "内镜型号：GIF-H290Z　内镜序列号：{scope_sn}　　麻醉方式：静脉麻醉（丙泊酚）\n"
    "镜检所见：食管黏膜光滑，齿状线清晰。胃底黏液湖清，胃体黏膜未见异常。胃角见一0.6cm×0.8cm溃疡，覆白苔，周边黏膜充血水肿。"
    "胃窦黏膜红白相间，以红为主。幽门圆，开闭好。十二指肠球部及降部未见异常。\n"
    "活检：胃角2块，胃窦1块（病理号{path7}）\n内镜诊断：1. 胃角溃疡（A1期）　2. 慢性非萎缩性胃炎\n"
    "建议：PPI规律治疗8周后复查胃镜；病理结果约5个工作日后登录{link7}查询。\n"
    "检查医师：{staff_a}　　护士：{staff_b}\n陪同人：{rel_a}（{rel_zh}），联系电话{tel_a}",
    # 11. Polysomnography report.
    "多导睡眠监测（PSG）报告\n监测编号：{psg_no}\n姓名：{name}　性别：{sex}　年龄：{age}　BMI：31.2\n监测时间：{dt7a} 至 {dt7b}\n"
    "总记录时间 482min，总睡眠时间 396min，睡眠效率 82.2%\nN1 18%　N2 56%　N3 9%　REM 17%\n"
    "AHI 42.6次/h（仰卧位 61.3次/h）　最低SpO2 76%　SpO2<90%时间占比 14.8%\n周期性肢体运动指数 3.1次/h\n"
    "诊断：阻塞性睡眠呼吸暂停低通气综合征（重度）\n建议：行CPAP压力滴定；减重；避免睡前饮酒；暂停驾驶营运车辆。\n"
    "压力滴定（{md7}）：最佳压力 11cmH2O，残余AHI 3.2次/h。患者自购呼吸机（序列号{cpap_sn}），已设置为APAP 8–14cmH2O。\n"
    "监测技师：{staff_a}　报告医师：{staff_b}\n备注：患者{rel_zh}{rel_a}反映其打鼾20余年，夜间憋醒，白天开车时打瞌睡。",
    # 12. Organ donation, family consent registration.
    "中国人体器官捐献　亲属确认登记表\n捐献案例编号：{donor_ref}\n潜在捐献者：{cname}　性别：{sex}　年龄：{age}岁\n身份证号：{rid}\n"
    "户籍地址：{addr7}\n原发病：重型颅脑损伤（{dt7a}遭遇交通事故）\n脑死亡判定时间：{dt7b}（判定医师：{staff_a}、{staff_b}）\n"
    "捐献器官：肝脏、双肾、双侧角膜\n直系亲属签字确认：\n配偶：{rel_a}　身份证号：{rid7}　电话：{tel_a}\n"
    "父亲：{rel_b}　电话：{tel_b}\n子女：{kin2}（{age_child}岁，未成年，由配偶代签）\n"
    "器官获取组织协调员：{staff_c}（协调员证号{lic7}）\n见证人：{doc3}\n登记日期：{d7a}",
    # 13. Inpatient therapeutic diet order, | table.
    "营养科　治疗膳食医嘱单\n{d7a}　病区：肾内科二病区\n床号 | 姓名 | 住院号 | 膳食 | 备注\n"
    "{bed} | {name} | {mrn} | 优质低蛋白饮食（0.6g/kg·d），低盐 | 糖尿病\n12 | {name2} | {mrn7b} | 流质（少量多餐），禁牛奶 | 术后第1天\n"
    "15 | {mname} | {mrn7c} | 清真饮食，半流质 | {ethnic7}，家属{rel_a}送餐需经营养师同意\n"
    "开具：{staff_a}（营养师）　核对：{nick_staff}\n配餐室电话：{tel_b}",
    # 14. Inter-hospital critical-care transfer request.
    "危重患者院际转运申请单\n转运单号：{transfer_no}\n患者：{name}　{sex}　{age90}岁　住院号：{mrn}\n"
    "转出科室：{hosp}心内科CCU　→　接收医院：{hosp2}心外科（已与{staff_c}医生电话确认，{tel_b}）\n转运时间：{dt7a}\n"
    "转运方式：救护车（带呼吸机、微量泵3台）\n陪同：医生{staff_a}，护士{staff_b}；家属{rel_a}（{rel_zh}）自驾车跟随，车牌{plate7}\n"
    "转运风险告知：已告知家属途中可能发生心搏骤停等风险，家属签字同意。\n家属联系电话：{tel_a}\n审批：医务科{doc3}",
    # 15. Rehabilitation discharge plan, bulleted.
    "康复医学科　出院康复计划\n患者：{name}（{nick_pt}），{sex}，{age}岁　住院号：{mrn}\n入院：{d7a}　出院：{d7b}\n"
    "诊断：右侧基底节区脑出血恢复期，左侧偏瘫\n"
    "• 照护者：{rel_zh}{rel_a}（主要），保姆{staff_d}（白天）；照护者已完成转移及鼻饲培训\n"
    "• 居家环境：{addr7}，6楼无电梯——建议暂住{rel_b}家（{addr7b}，有电梯）\n"
    "• 辅具：四脚拐、轮椅（租赁单号{rent_no}）、防褥疮气垫床\n"
    "• 训练：每日2次床边坐站训练，每次15分钟；家庭训练视频见{link7}\n"
    "• 随访：{md7}康复门诊（{staff_a}治疗师）；社区家庭医生{staff_b}，电话{tel_a}\n"
    "• 紧急情况：出现头痛加剧、呕吐、意识改变，立即拨打120",
    # 16. Internet+ home nursing message thread.
    "【{hosp}互联网+护理服务】消息记录\n"
    "{dt7a} 系统：您预约的“PICC维护”服务已派单，护士{staff_a}将于明天上午上门，服务单号{svc_no}。\n"
    "{dt7b} {staff_a}：您好，我是明天上门的护士{nick_staff}，请问地址是{addr7}吗？\n"
    "{rel_a}：对的，门口有门禁，到了给我打电话。我妈行动不便，麻烦您了。\n"
    "{nick_staff}：好的，请提前准备好换药的桌面。{pt_sur}奶奶最近体温怎么样？\n"
    "{rel_a}：昨晚37.8，今早37.2。\n{nick_staff}：明天我会抽血查血常规。如果今晚超过38.5℃请拨打{tel_a}或直接去急诊。\n"
    "{dt7c} {staff_a}：已到达，测得BP 132/76，穿刺点无红肿，已冲管换贴膜，导管外露5cm。下次维护{md7}。\n"
    "系统：服务已完成，请登录{link7}评价。",
    # 17. Research consent withdrawal statement (letter).
    "撤回知情同意声明\n项目名称：老年人群认知障碍前瞻性队列研究（第二期）\n受试者编号：{subj_id}\n\n"
    "{staff_a}研究员：\n您好！本人{name}，身份证号{rid}，于{d7a}自愿参加上述研究，并提供了血液样本和头颅MRI资料。"
    "因个人原因，本人决定自即日起退出该研究，并要求销毁本人尚未使用的生物样本（样本编号{sample7}），已发表的汇总数据无需撤回。\n"
    "今后请勿再通过电话{tel_a}或邮箱{mail7}联系本人及家属{rel_a}。\n\n此致\n敬礼\n\n"
    "声明人：{name}\n代笔人：{rel_a}（{rel_zh}，因声明人视力不佳代为书写）\n日期：{d7b}\n"
    "研究者确认：已收到，样本将于30个工作日内销毁。确认人：{staff_b}　{d7c}",
    # 18. Insurance claim appeal letter.
    "理赔申诉书\n{insurer7}理赔部：\n本人{rel_a}，系被保险人{name}之{rel_zh}。被保险人于{d7a}因“{dx}”在{hosp}住院治疗，{d7b}出院，共花费医疗费用38,652.40元。"
    "本人于出院后提交理赔申请（案件号{claim7}），贵司于{d7c}以“既往症”为由作出拒赔决定。\n"
    "本人认为：被保险人投保（保单号{policy_no}）前两年内体检均未发现该疾病，拒赔理由不成立，现提出申诉，请重新审核。\n"
    "附件：出院小结、体检报告（{my7}）、费用清单。\n"
    "联系人：{rel_a}　手机：{tel_a}　邮箱：{mail7}\n邮寄地址：{addr7}\n申诉人：{rel_a}\n{d7c}",
    # 19. Home blood-pressure telemonitoring alert, JSON log.
    "居家血压远程监测平台　异常推送日志\n"
    '{{"event":"BP_ALERT","time":"{iso7}","device":{{"model":"BPM-X3","sn":"{bpm_sn}","imei":"{imei}"}},'
    '"patient":{{"name":"{name}","idCard":"{rid}","mobile":"{tel_b}","addr":"{addr7}"}},'
    '"reading":{{"sys":186,"dia":104,"hr":92}},"doctor":"{staff_a}","clientIp":"{ip7}"}}\n'
    "处理记录：{dt7a} 家庭医生{staff_a}电话联系患者{rel_zh}{rel_a}（{tel_a}），嘱舌下含服硝苯地平后复测；30分钟后复测 158/92mmHg。",
    # 20. Audiology report with hearing-aid fitting.
    "{hosp}耳鼻咽喉科　听力检查报告\n听力号：{aud_no}　姓名：{name}　年龄：{age90}岁　检查日期：{d7a}\n"
    "纯音测听（dB HL）\n频率(Hz)\t250\t500\t1000\t2000\t4000\t8000\n右耳气导\t45\t50\t55\t65\t75\t85\n左耳气导\t40\t45\t55\t60\t70\t80\n"
    "言语识别率：右68%　左72%\n声导抗：双耳A型\n结论：双耳感音神经性听力损失（中重度），符合老年性聋。\n"
    "助听器验配：右耳 RIC-312　序列号{ha_r}；左耳 RIC-312　序列号{ha_l}\n"
    "验配师：{staff_a}　　陪同人：{rel_zh}{rel_a}，联系电话{tel_a}",
]

ROUND7_EN = [
    # 1. Anaesthesia pre-operative evaluation.
    "ANESTHESIA PRE-OPERATIVE EVALUATION\nPatient: {pt_full}{sfx}    MRN: {mrn}    DOB: {dob7}\n"
    "Procedure: {op}    Surgeon: Dr. {doc_last}    Scheduled: {dt7a}\nPrefers to be called \"{nick_pt}\". Interpreter: not needed.\n"
    "PMH: HTN, OSA on CPAP (device S/N {cpap_sn}; will bring own machine), T2DM (A1c 7.4), prior PONV.\n"
    "Airway: Mallampati III, TMD 5 cm, full dentition, neck ROM full. Beard.\nASA III.\n"
    "NPO: solids after midnight; clear liquids until 0530. Hold metformin AM of surgery; take metoprolol with a sip.\n"
    "Risks/benefits discussed with patient and {rel} {rel_a} ({tel_a}). Plan: GETA, PONV prophylaxis x3, CPAP in PACU.\n"
    "{staff_a}, MD, Anesthesiology    Evaluated {d7a}\nCRNA: {staff_b}, CRNA",
    # 2. Blood bank type & crossmatch request, | table.
    "BLOOD BANK - TYPE & CROSSMATCH REQUEST\nRequest #: {bb_no}    Priority: STAT\n"
    "Patient: {name_lf}    MRN: {mrn}    DOB: {dob7}    BB armband #: {bb_band}\n"
    "Diagnosis: upper GI bleed, Hgb 6.4    Transfusion hx: yes, last {my7}    Pregnancy hx: N/A\n"
    "Product | Units | Special requirements | Needed by\nRBC | 2 | irradiated, leukoreduced | {dt7a}\nFFP | 2 | - | on hold\n"
    "Specimen drawn by: {staff_b}, RN    Date/time drawn: {dt7b}\nTwo-person bedside ID verified with {staff_c}, RN\n"
    "Ordering provider: {staff_a}, MD    Callback: {tel_a}\n"
    "BLOOD BANK USE ONLY: ABO/Rh O NEG; antibody screen POS (anti-K); K-negative units crossmatch compatible x2. Tech: {nick_staff}",
    # 3. Newborn screening specimen card.
    "STATE NEWBORN SCREENING - SPECIMEN CARD\nKit #: {nbs_card}\nInfant: BABY {baby_sex} {last}    Birth date/time: {dt7a}\n"
    "Birth weight: 3180 g    GA: 39 wk    Multiple birth: N    NICU: N    Feeding: breast\nCollection date/time: {dt7b}    Transfused: N\n"
    "Mother's name: {mname}    Mother's DOB: {dob7}    Mother's MRN: {mrn}\nMother's address: {addr7}\nMother's phone: {tel_a}\n"
    "Provider for follow-up: Dr. {doc_last}, phone {tel_b}\nSubmitter: {hosp2} Newborn Nursery    Collected by: {staff_a}, RN\n"
    "Do not collect before 24 h of age. Do not touch filter paper circles.",
    # 4. Cancer registry abstract.
    "CANCER REGISTRY ABSTRACT\nAccession No.: {reg_acc}    Sequence: 00\nPatient: {name_caps}    SSN: {ssn}\n"
    "DOB: {dob7}    Age at dx: {age}    Sex: {sex_1}\nAddress at diagnosis: {addr7}\nCounty at dx: {county7}\n"
    "Date of first contact: {d7a}    Date of diagnosis: {my7}\nPrimary site: C50.4 Upper-outer quadrant of breast    Laterality: 2 (left)\n"
    "Histology/behavior: 8500/3 Infiltrating duct carcinoma    Grade: 2\nAJCC 8th: cT2 cN1 cM0, clinical stage IIB    ER+ PR+ HER2-\n"
    "First course treatment: neoadjuvant chemotherapy started {d7b}; lumpectomy with SLNB {d7c} (Dr. {doc_last}).\n"
    "Managing physician: {staff_a}, MD    Following physician: {staff_b}, MD\nDate of last contact: {d7c}    Vital status: alive\n"
    "Abstracted by: {staff_c}, CTR    Primary payer: Medicare, {mbi7}",
    # 5. Fitness to fly (MEDIF).
    "MEDICAL INFORMATION FORM (MEDIF) - FITNESS TO FLY\nPassenger name: {pax7} {pax_title}    Booking ref (PNR): {pnr}\n"
    "Passport no.: {passport}    Date of birth: {dob7}    Age: {age90}\nItinerary: UA 857 SFO-PVG on {d7a}; return {d7b}\n"
    "Travelling companion/escort: {rel_a} ({rel}), seat adjacent\nContact at destination: {rel_b}, {tel_intl}\n"
    "Diagnosis: NSTEMI {md7}, PCI x1 to LAD, uncomplicated; EF 50%\nIn-flight oxygen: 2 L/min via portable concentrator (serial {poc_sn})\n"
    "Wheelchair: WCHS\nAttending physician: {staff_a}, MD    Phone (24 h): {tel_a}    Email: {mail7}\n"
    "I certify that the passenger is fit to travel by air with the above arrangements.\nSigned {d7c}",
    # 6. Court-ordered competency evaluation.
    "FORENSIC PSYCHIATRIC EVALUATION - COMPETENCY TO STAND TRIAL (SUMMARY)\nIn re: State v. {pt_full}{sfx}, a/k/a \"{nick_pt}\"\n"
    "Case No.: {case_no}    Court: Superior Court, Dept. 12\nOrdered by: Hon. {staff_c}    Date of order: {d7a}\n"
    "Defense counsel: {staff_d}, Esq.    Prosecutor: {staff_b}, Deputy District Attorney\nDefendant DOB: {dob7}    Booking #: {booking_no}\n"
    "Evaluation: {d7b}, 2.5 hours, in custody, with collateral from the defendant's mother, {rel_a} (by phone, {tel_a}), and records from {hosp2}.\n"
    "Findings: Mr. {pt_last} has a long history of schizoaffective disorder, bipolar type; he stopped medications in {my7}. "
    "He understood the charges (aggravated assault) but believes his attorney is \"working for the other side\" and could not rationally discuss a plea.\n"
    "Opinion: Not presently competent to stand trial; likely to be restored with treatment. Recommend commitment to the state hospital for restoration.\n"
    "{staff_a}, MD    Forensic Psychiatry    License {lic7}",
    # 7. EMS patient care report.
    "EMS PATIENT CARE REPORT\nIncident #: {run_no}    PCR #: {pcr_no}    Unit: Medic 14\n"
    "Dispatched 1402 / En route 1403 / On scene 1411 / Transport 1429 / At destination 1447\nIncident location: {loc7}\n"
    "CC: MVC, restrained driver, moderate front-end damage. Pt's vehicle: gray sedan, plate {plate7}, VIN {vin7}.\n"
    "Patient: {name_lf}    Age: {age}    DOB: {dob7}    Home: {addr7b}\n"
    "Assessment: GCS 15, c/o chest wall pain from seatbelt; L wrist deformity. BP 104/68, HR 116, RR 22, SpO2 95% RA.\n"
    "Treatment: C-collar per protocol, splint L wrist, 18g IV L AC, fentanyl 50 mcg IV at 1420.\n"
    "Transported to {hosp2}; report given to {staff_c}, RN. Spouse {rel_a} notified at {tel_a}.\n"
    "Crew: {staff_a}, Paramedic (NREMT {lic7}); {staff_b}, EMT-B",
    # 8. Poison center case record.
    "POISON CENTER - CASE RECORD\nCase #: {poison_case}    Call received: {dt7a}    Specialist: {staff_a}, RN, CSPI\n"
    "Caller: {rel_a} (grandmother) - callback {tel_a}\nPatient: \"{nick_pt}\" ({first} {last}), {age_tod} y/o, ~15 kg\nLocation: residence, {city7}\n"
    "Exposure: found with grandmother's pill organizer approx. 30 min prior; up to 4 x amlodipine 10 mg missing. Asymptomatic at time of call.\n"
    "Recommendation: refer to ED now; do not induce vomiting; bring the organizer. Observe >= 24 h for delayed hypotension.\n"
    "HCF contacted: {hosp2} ED, spoke with Dr. {doc_last} at {dt7b}.\n"
    "Follow-up call #1 {dt7c}: BP 92/50 on IV fluids, admitted to PICU. Mother {kin} updated at {tel_b}.\nOutcome: moderate effect. Closed by {staff_b}.",
    # 9. Wound care flowsheet, tab-separated.
    "WOUND CARE FLOWSHEET\nPatient: {pt_full}{sfx}    MRN {mrn}    Room 612\n"
    "Wound #1: sacrum, stage 4 pressure injury, present on admission (from home; {rel} {rel_a} is primary caregiver)\n"
    "Date\tL x W x D (cm)\tTunneling\tExudate\tDressing\tRN\n{md7}\t7.2 x 5.0 x 2.1\t2 cm at 12 o'clock\tmod serosang\tNPWT 125 mmHg\t{staff_a}\n"
    "{md7b}\t6.8 x 4.6 x 1.9\t1.5 cm at 12\tmod\tNPWT 125 mmHg\t{staff_b}\n{md7c}\t6.1 x 4.4 x 1.6\tnone\tsmall\tNPWT 125 mmHg\t{nick_staff}\n"
    "NPWT unit serial {vac_sn}; canister changed {md7c}.\nWOC nurse consult: {staff_c}, BSN, CWOCN - office {tel_b}",
    # 10. Colonoscopy report.
    "ENDOSCOPY REPORT - COLONOSCOPY\nPatient: {name}    MRN: {mrn}    Procedure date: {d7a}    Procedure ID: {endo_no}\n"
    "Endoscopist: {staff_a}, MD    Nurse: {staff_b}, RN    Anesthesia: MAC with propofol ({staff_c}, CRNA)\n"
    "Scope: CF-HQ190L, S/N {scope_sn}\nIndication: surveillance; h/o tubular adenomas ({my7}).\nPrep: Boston Bowel Prep Scale 8 (3/3/2).\n"
    "Findings: Cecum reached at 07:48, confirmed by appendiceal orifice and ileocecal valve. Withdrawal time 11 min.\n"
    "- 6 mm sessile polyp, ascending colon, removed with cold snare (jar A).\n- 12 mm pedunculated polyp, sigmoid at 25 cm, hot snare, 1 clip (jar B).\n"
    "- Small internal hemorrhoids.\nImpression: 2 polyps removed; await pathology ({path7}).\n"
    "Recommendations: repeat colonoscopy in 3 years ({my7b}); resume aspirin in 5 days.\n"
    "Discharged to {rel} {rel_a}, who will drive the patient home. Post-procedure call to {tel_a}.",
    # 11. Polysomnography report.
    "POLYSOMNOGRAPHY REPORT - SPLIT NIGHT\nStudy #: {psg_no}    Study date: night of {d7a}\nPatient: {name_lf}    DOB: {dob7}    Age: {age}    BMI 36.4\n"
    "Referring: Dr. {doc_last}    Scored by: {staff_b}, RPSGT\n"
    "Diagnostic portion (lights off 22:14): TST 148 min, AHI 58.2/h, supine AHI 71.0/h, RDI 61.5, nadir SpO2 74%, T90 22%.\n"
    "Titration portion: CPAP 5-13 cm H2O; optimal 12 cm H2O with AHI 2.1/h, nadir SpO2 91%. Medium full-face mask.\n"
    "Impression: Severe obstructive sleep apnea, adequately treated with CPAP 12 cm H2O.\n"
    "Plan: DME order sent to {dme7}; device assigned S/N {cpap_sn}. Compliance download in 31-90 days via {link7}.\n"
    "Patient's {rel} {rel_a} reports loud snoring and witnessed apneas for years.\n{staff_a}, MD, D-ABSM    Signed {dt7b}",
    # 12. Audiology evaluation and hearing-aid fitting, tab table.
    "AUDIOLOGIC EVALUATION & HEARING AID FITTING\nPatient: {pt_full}{sfx}    DOB: {dob7} ({age90} y)    Account #: {acct7}\n"
    "Date: {d7a}    Audiologist: {staff_a}, Au.D., CCC-A\nPure-tone thresholds (dB HL)\nHz\t250\t500\t1k\t2k\t4k\t8k\n"
    "RE\t35\t40\t50\t65\t75\t85\nLE\t30\t40\t45\t60\t70\t80\nWRS: RE 72% at 80 dB, LE 76% at 80 dB. Tympanometry type A bilaterally.\n"
    "Impression: bilateral moderate-to-severe sloping SNHL, consistent with presbycusis.\n"
    "Fitting: RIC aids, right S/N {ha_r}, left S/N {ha_l}; paired to phone app. Warranty through {my7}.\n"
    "Accompanied by {rel} {rel_a}, who will help with cleaning and charging. Follow-up {md7}; clinic line {tel_a}.",
    # 13. OPO donor referral log.
    "OPO DONOR REFERRAL LOG\nReferral #: {donor_ref}    Referral date/time: {dt7a}\nReferring hospital: {hosp2}, ICU    Caller: {staff_b}, RN, {tel_b}\n"
    "Potential donor: {name_caps}    DOB: {dob7}    Age: {age}    MRN: {mrn}\nCause: anoxic brain injury after cardiac arrest {md7}\n"
    "Vent: yes    GCS 3T    Brain death testing: pending (2nd exam planned {dt7b})\nRegistry status: registered donor (state DL {dl7})\n"
    "Next of kin: {rel_a} ({rel}), {tel_a}; also {rel_b} (brother), {tel_intl}\n"
    "Family approach: planned; OPO coordinator {staff_a} to be on site. Medical examiner case: no.\nLogged by: {staff_c}",
    # 14. Inpatient diet order and nutrition screen.
    "INPATIENT DIET ORDER & NUTRITION SCREEN\nPatient: {name}    MRN {mrn}    Unit 5E, bed {bed}\nOrdered: {dt7a} by {staff_a}, MD\n"
    "Diet: consistent carbohydrate (60 g/meal), 2 g sodium, 1.5 L fluid restriction; texture: soft & bite-sized (IDDSI level 6), thin liquids\n"
    "Allergies/intolerances: peanut (anaphylaxis), lactose\nCultural/religious: kosher meals requested; daughter {rel_a} may bring food from home per policy\n"
    "Malnutrition screen (MST): 3 - high risk; RD consult placed.\n"
    "RD note ({md7}): {staff_b}, RD, LDN - wt 51.2 kg (down 6 kg since {my7}); add Glucerna BID; calorie count x 72 h.\n"
    "Patient prefers to be called \"{nick_pt}\".",
    # 15. Interfacility / discharge transport request.
    "TRANSPORT REQUEST\nRequest #: {transfer_no}    Requested: {dt7a}\nPatient: {name_lf}    DOB: {dob7}    Weight 82 kg    Isolation: contact (MRSA)\n"
    "From: {hosp2}, 4 West rm 412    To: patient's residence, {addr7b}\nLevel: BLS stretcher    Oxygen: 2 L NC    Pickup window: 1300-1500\n"
    "Escort: {rel} {rel_a} will ride along; cell {tel_a}\nPayer: Medicaid {policy_no}; prior auth #{auth7}\n"
    "Requesting RN: {staff_a}, {tel_b}    Accepted by: {staff_b} (dispatch)\nAccess notes: ring bell and ask for {nick_pt}; dog in yard.",
    # 16. Inpatient rehabilitation discharge plan, bulleted.
    "INPATIENT REHABILITATION - DISCHARGE PLAN\n{pt_full}{sfx} (\"{nick_pt}\")    Rehab ID {rehab_id}    Admit {d7a}    Discharge {d7b}\n"
    "Dx: L MCA ischemic stroke with R hemiparesis and expressive aphasia\n"
    "- Discharge to: home with {rel} {rel_a}, {addr7b}\n- Caregiver training completed {md7}: transfers, wheelchair, thickened liquids\n"
    "- Home health: PT/OT/SLP via {hh7}; start of care within 48 h; agency phone {tel_b}\n"
    "- DME: hemi walker, tub transfer bench, 18\" wheelchair (rental agreement {rent_no})\n"
    "- Follow-up: PM&R Dr. {doc_last} on {md7b}; neurology, {staff_a}, on {md7c}\n- Driving: not permitted; {rel_b} will drive to appointments\n"
    "- Questions: rehab liaison {staff_b}, {tel_a} or {mail7}",
    # 17. Hospital-at-home secure text thread.
    "HOSPITAL AT HOME - SECURE TEXT THREAD (exported {dt7a})\n"
    "[07:02] {staff_a} (RN): Good morning {nick_pt}! I'll be at {addr7b} around 9 for vitals + IV abx. Text back here if anything changes.\n"
    "[07:15] {pt_first}: ok. my daughter {rel_a} will let u in, her cell is {tel_a}\n[08:58] {staff_a} (RN): Here now.\n"
    "[09:41] {staff_a} (RN): BP 128/74, HR 88, T 37.9, SpO2 94% RA. Ceftriaxone 2 g given via PIV R forearm. "
    "Dr. {doc_last} will video-visit at noon: {link7}\n"
    "[12:20] Dr. {doc_last}: Chest sounds better today. Stopping O2. Labs tomorrow AM, courier {staff_c} picks up at 0700.\n"
    "[16:34] {rel_a}: Dad's home monitor (S/N {rpm_sn}) is beeping - says low battery??\n"
    "[16:36] Command center ({staff_b}): Plug it into the wall charger, it keeps sending. If SpO2 < 90 call {tel_b} (24/7), or 911 for emergencies.\n"
    "[21:05] {pt_first}: thank u all",
    # 18. Research consent withdrawal letter.
    "{d7a}\n\n{staff_a}, PhD\nPrincipal Investigator, HEART-AGE Longitudinal Study\n{hosp2}\n\n"
    "RE: Withdrawal of consent - Participant ID {subj_id}\n\nDear Dr. {staff_a_last},\n\n"
    "I enrolled in your study on {d7b} and have given blood samples and completed memory testing every year since. "
    "After a lot of thought, I am withdrawing my consent effective immediately. Please destroy my remaining stored samples "
    "(biobank ID {sample7}) and do not use my data in any future analyses. I understand that results already published cannot be withdrawn.\n\n"
    "Please do not contact me or my {rel}, {rel_a}, about this study again. If you need to confirm, you may reach me once at {tel_a} or {mail7}.\n\n"
    "Sincerely,\n\n{pt_full}{sfx}\n{addr7}",
    # 19. Insurance appeal letter.
    "{addr7}\n{d7a}\n\n{ins_co7}\nAttn: Member Appeals\n\nRE: Level 1 appeal - Member: {mname}, Member ID {policy_no}, Group {grp7}\n"
    "Claim #: {claim7}    Dates of service: {d7b} - {d7c}\n\nTo whom it may concern:\n\n"
    "I am writing on behalf of my mother, {mname}, to appeal the denial of her claim for an inpatient stay at {hosp2}. "
    "Your letter dated {md7} states that the admission was \"not medically necessary\". Her cardiologist, Dr. {doc_last}, documented a heart rate of 38 "
    "and two fainting episodes, and a pacemaker was implanted on the second day (device serial {pm_sn}).\n\n"
    "I am her authorized representative (form enclosed). Please send all correspondence to me at the address above or {mail7}; my phone is {tel_a}. "
    "Her records can be viewed at {link7}.\n\nSincerely,\n{rel_a}\n\nEnclosures: operative note, ECG strips, discharge summary\n"
    "[Received via member portal {iso7} from {ip7}]",
    # 20. HL7 v2 ADT^A04 registration message.
    "MSH|^~\\&|REG|MAINHOSP|LIS|MAINHOSP|{hl7_ts}||ADT^A04^ADT_A01|48213977|P|2.5.1\nEVN|A04|{hl7_ts}\n"
    "PID|1||{mrn}^^^MAINHOSP^MR||{hl7_name}||{hl7_dob}|{sex_1}|||{hl7_addr}||{hl7_tel}^PRN^PH|||M||{acct7}|{ssn}\n"
    "NK1|1|{hl7_kin}|SPO|{hl7_addr}|{hl7_tel2}\nPV1|1|O|CARD^CLINIC^02||||^{doc_hl7}^^^^MD||||||||||||{visit7}\n"
    "IN1|1|MCR|00001|MEDICARE||||||||||||{hl7_name}|SEL|{hl7_dob}||||||||||||||||||{mbi7}",
]

# Round-7 fields and their categories. Fields used by round-7 templates but not listed here
# (sfx, pax_title, baby_sex, ethnic7, court7, insurer7, ins_co7, dme7, hh7, age_tod, age_m7,
# age_f7) are not PHI: name suffixes, titles, an ethnicity, organisation names and ages under 90.
ROUND7_CATEGORY = {
    # names
    "staff_a": "NAME", "staff_b": "NAME", "staff_c": "NAME", "staff_d": "NAME", "staff_a_last": "NAME", "nick_staff": "NAME",
    "rel_a": "NAME", "rel_b": "NAME", "nick_pt": "NAME", "cname": "NAME", "mname": "NAME", "baby7": "NAME", "pt_full": "NAME",
    "pt_last": "NAME", "pt_first": "NAME", "pax7": "NAME", "hl7_name": "NAME", "hl7_kin": "NAME", "doc_hl7": "NAME",
    # dates
    "d7a": "DATE", "d7b": "DATE", "d7c": "DATE", "dt7a": "DATE", "dt7b": "DATE", "dt7c": "DATE", "md7": "DATE", "md7b": "DATE",
    "md7c": "DATE", "my7": "DATE", "my7b": "DATE", "dob7": "DATE", "lunar7": "DATE", "iso7": "DATE", "hl7_ts": "DATE", "hl7_dob": "DATE",
    # ages over 89
    "age90": "AGE",
    # contact
    "tel_a": "PHONE", "tel_b": "PHONE", "tel_intl": "PHONE", "hl7_tel": "PHONE", "hl7_tel2": "PHONE",
    "addr7": "ADDRESS", "addr7b": "ADDRESS", "loc7": "ADDRESS", "bplace7": "ADDRESS", "city7": "ADDRESS", "county7": "ADDRESS",
    "hl7_addr": "ADDRESS", "mail7": "EMAIL", "link7": "URL", "ip7": "IP",
    # record-type identifiers
    "run_no": "RECORD", "pcr_no": "RECORD", "tcm_no": "RECORD", "exam7": "RECORD", "nbs_card": "RECORD", "bb_no": "RECORD",
    "bb_band": "RECORD", "spec_bar": "RECORD", "forensic_no": "RECORD", "poison_case": "RECORD", "path7": "RECORD",
    "endo_no": "RECORD", "psg_no": "RECORD", "donor_ref": "RECORD", "transfer_no": "RECORD", "subj_id": "RECORD",
    "sample7": "RECORD", "aud_no": "RECORD", "mrn7b": "RECORD", "mrn7c": "RECORD", "reg_acc": "RECORD", "rehab_id": "RECORD",
    # personal identifiers
    "cert_no": "ID", "case_no": "ID", "lic7": "ID", "lic7b": "ID", "rid7": "ID", "passport": "ID", "booking_no": "ID",
    "dl7": "ID", "emp7": "ID",
    # insurance
    "policy_no": "INSURANCE", "grp7": "INSURANCE", "auth7": "INSURANCE", "mbi7": "INSURANCE",
    # accounts
    "claim7": "ACCOUNT", "rent_no": "ACCOUNT", "svc_no": "ACCOUNT", "pnr": "ACCOUNT", "acct7": "ACCOUNT", "visit7": "ACCOUNT",
    # devices and vehicles
    "scope_sn": "DEVICE", "cpap_sn": "DEVICE", "vac_sn": "DEVICE", "ha_r": "DEVICE", "ha_l": "DEVICE", "bpm_sn": "DEVICE",
    "imei": "DEVICE", "poc_sn": "DEVICE", "rpm_sn": "DEVICE", "pm_sn": "DEVICE",
    "plate7": "VEHICLE", "vin7": "VEHICLE",
}
_NOT_PHI = {"sfx", "pax_title", "baby_sex", "ethnic7", "court7", "insurer7", "ins_co7", "dme7", "hh7", "age_tod", "age_m7", "age_f7"}
_clash = {k for k in ROUND7_CATEGORY if deid.CATEGORY.get(k, ROUND7_CATEGORY[k]) != ROUND7_CATEGORY[k]}  # (re-import safe)
assert not _clash, f"round-7 fields clash with earlier rounds: {_clash}"
assert not (_NOT_PHI & set(deid.CATEGORY)), _NOT_PHI & set(deid.CATEGORY)
deid.CATEGORY.update(ROUND7_CATEGORY)

# --------------------------------------------------------------------------- value helpers
_COMPOUND = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "司徒", "夏侯", "公孙", "端木", "南宫", "宇文", "澹台")
_GIVEN = "子涵浩然思远雨桐欣怡建国志强秀英桂兰明轩若曦俊杰晓燕海峰文博嘉怡一鸣婉清"
_UYGHUR_F = ["阿依古丽", "古丽娜尔", "帕提古丽", "热依拉", "迪丽娜尔", "米热古丽", "努尔比亚", "阿曼古丽"]
_UYGHUR_M = ["买买提", "艾力", "热合曼", "阿不都热依木", "吐尔逊", "艾尔肯", "依明", "努尔艾力", "阿布来提"]
_TIBETAN = ["扎西", "次仁", "卓玛", "多吉", "格桑", "央金", "平措", "德吉", "达瓦", "尼玛", "顿珠", "拉姆"]
_MONGOL = ["巴特尔", "其其格", "乌云", "苏日娜", "额尔敦", "哈斯", "宝音", "朝鲁", "萨仁", "图雅"]
_KAZAKH = ["阿依努尔", "加娜尔", "努尔兰", "叶尔兰", "别克", "哈力木"]
_NICK_ZH = ["二娃", "狗蛋", "毛毛", "丫丫", "石头", "胖墩", "小宝", "三儿"]
_LUNAR_M = ["正月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "冬月", "腊月"]
_LUNAR_D = ["初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九", "初十", "十一", "十二", "十三", "十四", "十五",
            "十六", "十七", "十八", "十九", "二十", "廿一", "廿二", "廿三", "廿四", "廿五", "廿六", "廿七", "廿八", "廿九", "三十"]
_PLATE_PROV = "京沪津渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川贵云陕甘青"
_PLATE_LET = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_NICK_EN = [("Robert", "Bobby"), ("William", "Billy"), ("Elizabeth", "Betsy"), ("Margaret", "Peggy"), ("James", "Jimmy"),
            ("Richard", "Rick"), ("Katherine", "Kate"), ("Theodore", "Teddy"), ("Patricia", "Patty"), ("Charles", "Chuck"),
            ("Edward", "Ned"), ("Dorothy", "Dot"), ("Jennifer", "Jenny"), ("Joseph", "Joey"), ("Susan", "Suzy"),
            ("Michael", "Mikey"), ("Anthony", "Tony"), ("Rebecca", "Becky"), ("Frederick", "Freddie"), ("Alexandra", "Sasha")]
_STAFF_NICK_EN = ["Deb", "Gabe", "Manny", "Tash", "Rob", "Liz", "Vic", "Sal", "Jojo", "Kris", "Tom", "Nat"]
_SFX = [" Jr.", " III", " Sr.", " II", ", Jr.", " IV"]
_EN_ODD = ["O'Brien", "O'Connor", "D'Angelo", "McAllister", "MacDonald", "De La Cruz", "Van der Berg", "St. Clair", "Nguyen", "Al-Sayed"]
_VN_MID = ["Thi", "Van", "Thanh", "Ngoc"]
_VN_GIVEN = ["Lan", "Hoa", "Minh", "Tuan", "Huong", "Phuong", "Dung", "Anh"]
_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


def _d(rng: random.Random, start: int = 2017, years: int = 9) -> tuple[date, int, int]:
    return date(start, 1, 1) + timedelta(days=rng.randint(0, 365 * years - 1)), rng.randint(0, 23), rng.randint(0, 59)


def _sur(name: str) -> str:
    return name[:2] if name[:2] in _COMPOUND or name[:2] in r6._COMPOUND else name[0]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _zh_period(h: int) -> str:
    return "凌晨" if h < 6 else "上午" if h < 12 else "中午" if h < 13 else "下午" if h < 18 else "晚上"


def _zh_date7(rng: random.Random) -> str:
    d, _, _ = _d(rng)
    return rng.choice([f"{d.year}年{d.month}月{d.day}日", f"{d.year}年{d.month:02d}月{d.day:02d}日", f"{d.year}-{d.month}-{d.day}",
                       f"{d.year}.{d.month}.{d.day}", f"{d:%Y%m%d}", f"{d:%Y/%m/%d}", f"{d.year} 年 {d.month} 月 {d.day} 日", f"{d:%y}年{d.month}月{d.day}日"])


def _zh_dt7(rng: random.Random) -> str:
    d, h, m = _d(rng)
    return rng.choice([f"{d:%Y-%m-%d} {h:02d}:{m:02d}", f"{d.year}年{d.month}月{d.day}日{h}:{m:02d}", f"{d:%Y.%m.%d} {h:02d}时{m:02d}分",
                       f"{d.month}月{d.day}日 {h:02d}:{m:02d}", f"{d.year}/{d.month}/{d.day} {h}:{m:02d}", f"{d:%Y%m%d}{h:02d}{m:02d}",
                       f"{d.year}年{d.month}月{d.day}日{_zh_period(h)}{h % 12 or 12}点{m}分", f"{d.month}-{d.day} {h:02d}:{m:02d}"])


def _zh_md7(rng: random.Random) -> str:
    d, _, _ = _d(rng)
    return rng.choice([f"{d.month}.{d.day}", f"{d.month}月{d.day}日", f"{d.month:02d}-{d.day:02d}", f"{d.month}/{d.day}", f"{d.month}月{d.day}号"])


def _zh_my7(rng: random.Random) -> str:
    d, _, _ = _d(rng, 2012, 12)
    return rng.choice([f"{d.year}年{d.month}月", f"{d.year}.{d.month:02d}", f"{d.year}-{d.month:02d}", f"{d:%y}年{d.month}月"])


def _zh_mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randint(0, 9)}{_digits(rng, 8)}"


def _zh_tel7(rng: random.Random) -> str:
    m = _zh_mobile(rng)
    area = rng.choice(["10", "21", "22", "571", "755", "28", "931", "991", "851"])
    line = _digits(rng, 8 if len(area) == 2 else 7)
    line = str(rng.randint(2, 8)) + line[1:]
    ext = rng.randint(100, 9999)
    return rng.choice([m, f"{m[:3]}-{m[3:7]}-{m[7:]}", f"{m[:3]} {m[3:7]} {m[7:]}", f"+86 {m[:3]}-{m[3:7]}-{m[7:]}", f"0086-{m}", f"+86{m}",
                       f"0{area}-{line}", f"0{area}-{line} 转 {ext}", f"(0{area}) {line[:4]}-{line[4:]}", f"{line}-{ext}", f"0{area}—{line}"])


def _zh_addr7(f: Faker, rng: random.Random) -> str:
    comm = rng.choice(r6._WORDS) + rng.choice(["家园", "花园", "新村", "小区", "苑", "名都"])
    b, u, room, fl = rng.randint(1, 32), rng.randint(1, 6), rng.randint(101, 2806), rng.randint(1, 12)
    county, town = f.city_name() + "县", rng.choice(r6._WORDS) + rng.choice(["镇", "乡"])
    village = rng.choice([f.last_name() + rng.choice(["家村", "庄村", "家坝村", "营村"]), rng.choice(r6._WORDS) + "村"])
    return rng.choice([
        f"{f.province()}{f.city()}{county}{town}{village}{rng.randint(1, 12)}组{rng.randint(1, 90)}号",
        f"{f.city()}{f.district()}区{f.street_name()}{rng.randint(1, 400)}号{comm}{b}号楼{u}单元{room}室",
        f"{f.district()}区{comm}{b}-{u}-{room}",
        f"{f.city()}{f.district()}区{f.street_name()}{rng.randint(1, 999)}弄{rng.randint(1, 60)}号{room}室",
        f"{county}{town}{village}{rng.randint(1, 9)}社{rng.randint(1, 60)}号",
        f"{f.province()}{f.city()}{f.district()}区{comm}{b}栋{u}单元{fl}楼{rng.randint(1, 4)}号",
    ])


def _en_date7(rng: random.Random) -> str:
    d, _, _ = _d(rng)
    return rng.choice([f"{d.month}/{d.day}/{d.year}", f"{d:%m/%d/%Y}", f"{d.day} {d:%b} {d.year}", f"{d:%B} {d.day}, {d.year}",
                       f"{d:%b}-{d.day:02d}-{d.year}", f"{d:%Y/%m/%d}", f"{d:%d.%m.%Y}", f"{d:%b}. {d.day} {d.year}", f"{d:%Y-%m-%d}"])


def _en_dt7(rng: random.Random) -> str:
    d, h, m = _d(rng)
    return rng.choice([f"{d.month}/{d.day}/{d.year} {h:02d}{m:02d}", f"{d:%Y-%m-%d}T{h:02d}:{m:02d}:{rng.randint(0, 59):02d}Z",
                       f"{d:%m/%d/%y} {h:02d}:{m:02d}", f"{d:%b} {d.day}, {d.year} {h % 12 or 12}:{m:02d} {'AM' if h < 12 else 'PM'}",
                       f"{d:%d%b%Y}".upper() + f" {h:02d}{m:02d}", f"{d.month}/{d.day} {h:02d}:{m:02d}", f"{d:%Y-%m-%d} {h:02d}:{m:02d}"])


def _en_md7(rng: random.Random) -> str:
    d, _, _ = _d(rng)
    return rng.choice([f"{d.month}/{d.day}", f"{d:%b} {d.day}", f"{d:%B} {d.day}{r6._sfx(d.day)}", f"{d:%m/%d}", f"{d.day}-{d:%b}"])


def _en_my7(rng: random.Random) -> str:
    d, _, _ = _d(rng, 2012, 18)
    return rng.choice([f"{d:%m/%Y}", f"{d:%B} {d.year}", f"{d:%b} {d.year}", f"{d.month}/{d.year}", f"{d:%b}-{d:%y}"])


def _en_dob7(rng: random.Random) -> str:
    d, _, _ = _d(rng, 1928, 75)
    return rng.choice([f"{d.month}/{d.day}/{d.year}", f"{d:%m/%d/%Y}", f"{d:%Y-%m-%d}", f"{d:%d-%b-%Y}", f"{d:%B} {d.day}, {d.year}", f"{d:%m%d%Y}"])


def _en_tel7(rng: random.Random) -> str:
    a, b, c, e = rng.randint(201, 989), rng.randint(200, 999), _digits(rng, 4), rng.randint(2, 9999)
    return rng.choice([f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"{a}-{b}-{c} ext. {e}", f"({a}) {b}-{c} x{e}", f"+1 {a} {b} {c}",
                       f"1.{a}.{b}.{c}", f"({a}){b}-{c}", f"+1-{a}-{b}-{c} ext {e}"])


def _en_intl(rng: random.Random) -> str:
    return rng.choice([f"+44 20 7946 {_digits(rng, 4)}", f"+86 139 {_digits(rng, 4)} {_digits(rng, 4)}", f"+52 55 {_digits(rng, 4)} {_digits(rng, 4)}",
                       f"+63 917 {_digits(rng, 3)} {_digits(rng, 4)}", f"+49 30 {_digits(rng, 8)}", f"011 44 161 {_digits(rng, 3)} {_digits(rng, 4)}",
                       f"+1 (604) {rng.randint(200, 999)}-{_digits(rng, 4)}"])


def _en_addr7(f: Faker, rng: random.Random, street_only: bool = False) -> str:
    bn, st, city, sa, z = f.building_number(), f.street_name(), f.city(), f.state_abbr(), f.zipcode()
    n = rng.randint(1, 40)
    if street_only:  # somewhere a nurse or an ambulance can go: no PO Box / RR
        return rng.choice([f"{bn} {st}, Apt {n}{rng.choice('ABCDEF')}, {city}, {sa} {z}", f"{bn} {st}, {city}, {sa} {z}", f"{bn} {st} Unit {rng.randint(100, 999)}, {city}",
                           f"Lot {n}, {f.last_name()} Mobile Home Park, {city}, {sa}", f"{bn} {st}, Bldg {rng.randint(1, 12)}, Apt {rng.randint(100, 420)}, {city}, {sa}"])
    return rng.choice([f"{bn} {st}, Apt {n}{rng.choice('ABCDEF')}, {city}, {sa} {z}", f"{bn} {st}, Suite {rng.randint(100, 950)}, {city}, {sa} {z}",
                       f"PO Box {rng.randint(10, 99999)}, {city}, {sa} {z}", f"RR {rng.randint(1, 9)} Box {rng.randint(10, 999)}, {city}, {sa} {z}",
                       f"Lot {n}, {f.last_name()} Mobile Home Park, {city}, {sa} {z}", f"{bn} {st}, Bldg {rng.randint(1, 12)}, Apt {rng.randint(100, 420)}, {city}, {sa}",
                       f"{bn} {st}\n{city}, {sa} {z}", f"{bn} {st} #{rng.randint(2, 30)}, {city} {sa} {z}"])


def _plate_zh(rng: random.Random) -> str:
    p, l_ = rng.choice(_PLATE_PROV), rng.choice(_PLATE_LET)
    body = "".join(rng.choice("0123456789" + _PLATE_LET) for _ in range(5))
    return rng.choice([f"{p}{l_}·{body}", f"{p}{l_}{body}", f"{p}{l_} {body}", f"{p}{l_}D{_digits(rng, 5)}", f"{p}{l_}{rng.choice('DF')}{rng.choice(_PLATE_LET)}{_digits(rng, 4)}"])


def _names_zh(f: Faker, rng: random.Random) -> tuple[str, str, str]:
    """(compound-surname name, minority name, its ethnicity)."""
    cname = rng.choice(_COMPOUND) + "".join(rng.sample(_GIVEN, rng.choice([1, 2])))
    kind = rng.choice(["uy", "uy", "ti", "mo", "ka"])
    if kind == "uy":
        return cname, f"{rng.choice(_UYGHUR_F + _UYGHUR_M)}·{rng.choice(_UYGHUR_M)}", "维吾尔族"
    if kind == "ti":
        a, b = rng.sample(_TIBETAN, 2)
        return cname, a + b, "藏族"
    if kind == "mo":
        return cname, rng.choice(_MONGOL), "蒙古族"
    return cname, f"{rng.choice(_KAZAKH)}·{rng.choice(_KAZAKH)}", "哈萨克族"


def round7_zh_values(f: Faker, rng: random.Random, v: dict[str, str]) -> dict[str, str]:
    """Round-7 fields for a Chinese note (v: the round-1, -5 and -6 values already drawn)."""
    d, h, m = _d(rng)
    yy, area = f"{d:%y}", rng.choice(["330782", "410523", "522401", "650102", "540102", "150102", "440306"])
    cname, mname, ethnic = _names_zh(f, rng)
    staff = [f.name() for _ in range(4)]
    if rng.random() < 0.3:
        staff[rng.randint(0, 3)] = rng.choice(_COMPOUND) + "".join(rng.sample(_GIVEN, 2))
    pt = v["name"]
    given = pt[len(_sur(pt)):] or pt[-1]
    dob, _, _ = _d(rng, 1930, 70)
    born = rng.choice([f"{dob.year}年{dob.month}月{dob.day}日", f"{dob:%Y-%m-%d}", f"{dob:%Y%m%d}", f"{dob.year}.{dob.month}.{dob.day}"])
    sur_py, given_py = f.last_romanized_name().lower(), f.first_romanized_name().lower()
    return {
        "staff_a": staff[0], "staff_b": staff[1], "staff_c": staff[2], "staff_d": staff[3],
        "nick_staff": rng.choice(["小", "小", "老"]) + _sur(staff[0]),
        "rel_a": rng.choice([f.name(), f.name(), cname[:2] + rng.choice(_GIVEN)]), "rel_b": f.name(),
        "nick_pt": rng.choice(["小" + _sur(pt), "老" + _sur(pt), "阿" + given[-1], given[-1] * 2, rng.choice(_NICK_ZH)]),
        "cname": cname, "mname": mname, "ethnic7": ethnic, "baby7": _sur(pt) + "".join(rng.sample(_GIVEN, 2)),
        "d7a": _zh_date7(rng), "d7b": _zh_date7(rng), "d7c": _zh_date7(rng), "dt7a": _zh_dt7(rng), "dt7b": _zh_dt7(rng), "dt7c": _zh_dt7(rng),
        "md7": _zh_md7(rng), "md7b": _zh_md7(rng), "md7c": _zh_md7(rng), "my7": _zh_my7(rng), "dob7": born,
        "lunar7": rng.choice(_LUNAR_M) + rng.choice(_LUNAR_D),
        "iso7": f"{d:%Y-%m-%d}T{h:02d}:{m:02d}:{rng.randint(0, 59):02d}+08:00",
        "age90": str(rng.randint(90, 106)), "age_tod": str(rng.randint(1, 4)), "age_m7": str(rng.randint(20, 41)), "age_f7": str(rng.randint(22, 45)),
        "tel_a": _zh_tel7(rng), "tel_b": rng.choice([_zh_tel7(rng), _zh_mobile(rng)]),
        "addr7": _zh_addr7(f, rng), "addr7b": _zh_addr7(f, rng),
        "loc7": rng.choice([f"{f.city()}{f.district()}区{f.street_name()}与{f.street_name()}交叉口", _zh_addr7(f, rng),
                            f"{f.city_name()}县{rng.choice(r6._WORDS)}镇{rng.choice(r6._WORDS)}村村委会旁"]),
        "bplace7": f"{f.province()}{f.city()}{f.district()}区",
        "mail7": rng.choice([f"{sur_py}{given_py}{rng.randint(1, 999)}@163.com", f"{rng.randint(10 ** 5, 10 ** 10)}@qq.com",
                             f"{sur_py}.{given_py}@{rng.choice(['126.com', 'sina.cn', 'foxmail.com', 'aliyun.com'])}"]),
        "link7": rng.choice([f"https://tj.{f.domain_name()}/report/view?tjh={rng.randint(10 ** 7, 10 ** 9)}&token={f.hexify('^' * 12)}",
                             f"https://wx.{f.domain_name()}/hlw/order/{rng.randint(10 ** 6, 10 ** 9)}",
                             f"http://{f.domain_name()}/kf/video/{f.lexify('????????', letters='abcdefghjkmnpqrstuvwxyz23456789')}",
                             f"https://m.{f.domain_name()}/bl/query?zyh={rng.randint(10 ** 5, 10 ** 8)}"]),
        "ip7": rng.choice([f.ipv4_public(), f.ipv4_private(), f.ipv6()]),
        "run_no": rng.choice([f"{d:%Y%m%d}{_digits(rng, 4)}", f"120-{d:%y%m%d}-{rng.randint(1, 999):03d}", f"DD{yy}{_digits(rng, 6)}"]),
        "tcm_no": rng.choice([f"{d:%Y%m%d}{_digits(rng, 4)}", f"ZY-MZ{_digits(rng, 7)}"]),
        "exam7": rng.choice([f"{yy}{d.month:02d}{_digits(rng, 6)}", f"TJ{_digits(rng, 9)}", f"H{d:%Y%m%d}-{_digits(rng, 3)}"]),
        "cert_no": f"{rng.choice('MNOPQR')}{_digits(rng, 9)}",
        "nbs_card": rng.choice([f"{area[:4]}{yy}{_digits(rng, 6)}", f"XS{_digits(rng, 8)}"]),
        "bb_no": rng.choice([f"PX{yy}{_digits(rng, 6)}", f"SX-{d:%Y%m%d}-{_digits(rng, 3)}"]), "spec_bar": _digits(rng, 12),
        "emp7": rng.choice([_digits(rng, 5), f"{rng.choice('ABHY')}{_digits(rng, 5)}", f"GH{_digits(rng, 6)}"]),
        "court7": f.city_name() + rng.choice(["市中级人民法院", "市人民法院", "县人民法院"]),
        "forensic_no": f"{rng.choice('浙沪苏粤川鄂')}{rng.choice(['康', '华', '正', '明'])}司鉴所[{d.year}]精鉴字第{rng.randint(1, 999)}号",
        "case_no": f"（{d.year}）{rng.choice('浙沪苏粤川鄂湘豫')}{rng.randint(1, 99):02d}{rng.randint(1, 99):02d}刑初{rng.randint(1, 999)}号",
        "lic7": _digits(rng, 15) if rng.random() < 0.5 else f"{rng.randint(31, 53)}{_digits(rng, 10)}",
        "lic7b": _digits(rng, 15),
        "poison_case": rng.choice([f"ZD{yy}{_digits(rng, 5)}", f"{d.year}-ZX-{_digits(rng, 4)}"]),
        "vac_sn": rng.choice([f"VAC{_digits(rng, 7)}", f"{rng.choice(['NP', 'FY'])}{yy}{_digits(rng, 6)}"]),
        "endo_no": rng.choice([f"W{d:%Y%m%d}{_digits(rng, 3)}", f"NJ{_digits(rng, 7)}"]), "scope_sn": rng.choice([_digits(rng, 7), f"2{rng.choice(_PLATE_LET)}{_digits(rng, 6)}"]),
        "path7": rng.choice([f"B{yy}-{_digits(rng, 5)}", f"{d.year}{_digits(rng, 5)}"]),
        "psg_no": rng.choice([f"PSG{yy}{_digits(rng, 4)}", f"SM-{d.year}-{_digits(rng, 3)}"]),
        "cpap_sn": rng.choice([f"2{_digits(rng, 10)}", f"J{_digits(rng, 8)}", f"{rng.choice(['YH', 'BMC'])}{_digits(rng, 8)}"]),
        "donor_ref": rng.choice([f"OPO{d.year}{_digits(rng, 4)}", f"JX-{yy}-{_digits(rng, 4)}"]), "rid7": r6._rid_born(_d(rng, 1950, 50)[0], rng),
        "mrn7b": _digits(rng, rng.choice([7, 8])), "mrn7c": rng.choice([f"ZY{_digits(rng, 8)}", _digits(rng, 9)]),
        "transfer_no": rng.choice([f"ZY{d:%y%m%d}{_digits(rng, 3)}", f"ZYD-{_digits(rng, 7)}"]), "plate7": _plate_zh(rng),
        "rent_no": rng.choice([f"ZL{d:%Y%m%d}{_digits(rng, 4)}", _digits(rng, 16)]),
        "svc_no": rng.choice([f"HL{d:%Y%m%d}{_digits(rng, 6)}", _digits(rng, 18)]),
        "subj_id": rng.choice([f"{rng.randint(1, 30):02d}-{_digits(rng, 4)}", f"CIC{_digits(rng, 5)}", f"S{rng.randint(1, 30):02d}{_digits(rng, 3)}"]),
        "sample7": rng.choice([f"BB{yy}{_digits(rng, 6)}", f"{_digits(rng, 10)}"]),
        "insurer7": rng.choice(["中国人寿保险股份有限公司", "中国平安人寿保险股份有限公司", "泰康人寿保险有限责任公司", "新华人寿保险股份有限公司"]),
        "claim7": rng.choice([f"LP{d:%Y%m%d}{_digits(rng, 6)}", f"9{_digits(rng, 15)}"]),
        "policy_no": rng.choice([f"P{d.year}{_digits(rng, 10)}", f"{_digits(rng, 20)}", f"{rng.choice(['8', '6'])}{_digits(rng, 17)}"]),
        "bpm_sn": rng.choice([f"BPM{_digits(rng, 9)}", f"{rng.choice(_PLATE_LET)}{rng.choice(_PLATE_LET)}{yy}{_digits(rng, 6)}"]),
        "imei": "86" + _digits(rng, 13),
        "aud_no": rng.choice([f"TL{yy}{_digits(rng, 5)}", _digits(rng, 8)]),
        "ha_r": rng.choice([_digits(rng, 8), f"{yy}{rng.randint(1, 52):02d}{_digits(rng, 5)}", f"R{_digits(rng, 9)}"]),
        "ha_l": rng.choice([_digits(rng, 8), f"{yy}{rng.randint(1, 52):02d}{_digits(rng, 5)}", f"L{_digits(rng, 9)}"]),
    }


def round7_en_values(f: Faker, rng: random.Random, v: dict[str, str]) -> dict[str, str]:
    """Round-7 fields for an English note (v: the round-1, -5 and -6 values already drawn)."""
    d, h, m = _d(rng)
    yy, first, last = f"{d:%y}", v["first"], v["last"]
    formal, nick = rng.choice(_NICK_EN)
    mi = rng.choice("ABCDEFGHJKLMNPRSTW")
    staff = [(f.first_name(), f.last_name()) for _ in range(4)]
    kin_f, kin_l = f.first_name(), f.last_name()
    doc_f, doc_l = f.first_name(), f.last_name()
    mname = rng.choice([f"{f.first_name()} {f.last_name()}-{f.last_name()}", f"{f.first_name()} {rng.choice(_EN_ODD)}",
                        f"Nguyen {rng.choice(_VN_MID)} {rng.choice(_VN_GIVEN)}", f"María José {f.last_name()}-López",
                        f"{f.first_name()} {mi}. {rng.choice(_EN_ODD)}"])
    a, b, c = rng.randint(201, 989), rng.randint(200, 999), _digits(rng, 4)
    a2, b2, c2 = rng.randint(201, 989), rng.randint(200, 999), _digits(rng, 4)
    dob, _, _ = _d(rng, 1928, 75)
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return {
        "pt_full": rng.choice([f"{formal} {mi}. {last}", f"{formal} {last}", f"{formal} {mi} {last}"]), "pt_last": last, "pt_first": formal, "nick_pt": nick,
        "sfx": rng.choice(_SFX), "pax7": f"{last.upper()}/{formal.upper()}", "pax_title": rng.choice(["MR", "MRS", "MS"]),
        "staff_a": " ".join(staff[0]), "staff_a_last": staff[0][1], "staff_b": " ".join(staff[1]), "staff_c": " ".join(staff[2]),
        "staff_d": " ".join(staff[3]), "nick_staff": rng.choice(_STAFF_NICK_EN),
        "rel_a": f"{kin_f} {kin_l}", "rel_b": f"{f.first_name()} {f.last_name()}", "mname": mname, "baby_sex": rng.choice(["BOY", "GIRL"]),
        "hl7_name": rng.choice([f"{last.upper()}^{first.upper()}^{mi}", f"{last.upper()}^{first.upper()}"]),
        "hl7_kin": f"{kin_l.upper()}^{kin_f.upper()}", "doc_hl7": f"{doc_l.upper()}^{doc_f.upper()}",
        "d7a": _en_date7(rng), "d7b": _en_date7(rng), "d7c": _en_date7(rng), "dt7a": _en_dt7(rng), "dt7b": _en_dt7(rng), "dt7c": _en_dt7(rng),
        "md7": _en_md7(rng), "md7b": _en_md7(rng), "md7c": _en_md7(rng), "my7": _en_my7(rng), "my7b": _en_my7(rng), "dob7": _en_dob7(rng),
        "iso7": f"{d:%Y-%m-%d}T{h:02d}:{m:02d}:{rng.randint(0, 59):02d}{rng.choice(['-05:00', '-08:00', 'Z'])}",
        "hl7_ts": f"{d:%Y%m%d}{h:02d}{m:02d}" + rng.choice(["", f"{rng.randint(0, 59):02d}"]), "hl7_dob": f"{dob:%Y%m%d}",
        "age90": str(rng.randint(90, 104)), "age_tod": str(rng.randint(1, 4)), "bed": str(rng.randint(1, 36)),
        "tel_a": _en_tel7(rng), "tel_b": _en_tel7(rng), "tel_intl": _en_intl(rng), "hl7_tel": f"({a}){b}-{c}", "hl7_tel2": f"({a2}){b2}-{c2}",
        "addr7": _en_addr7(f, rng), "addr7b": _en_addr7(f, rng, street_only=True),
        "loc7": rng.choice([f"{f.street_name()} & {f.street_name()}, {f.city()}", f"{f.building_number()} {f.street_name()}, {f.city()}, {f.state_abbr()}",
                            f"{f.street_name()} at {f.street_name()}"]),
        "city7": f"{f.city()}, {f.state_abbr()} {f.zipcode()}", "county7": f"{f.last_name()} County",
        "hl7_addr": f"{f.building_number()} {f.street_name()}^Apt {rng.randint(1, 30)}^{f.city()}^{f.state_abbr()}^{f.zipcode()}^USA",
        "mail7": rng.choice([f"{first.lower()}.{last.lower()}+{rng.choice(['health', 'mychart', 'appeals'])}@gmail.com",
                             f"{f.user_name()}@{f.free_email_domain()}", f"{first[0].lower()}{last.lower()}{rng.randint(1, 99)}@{f.domain_name()}",
                             f"{staff[0][0].lower()}.{staff[0][1].lower()}@{f.domain_name()}"]),
        "link7": rng.choice([f"https://portal.{f.domain_name()}/appeals/status?case={rng.randint(10 ** 6, 10 ** 9)}",
                             f"https://vv.{f.domain_name()}/join/{f.lexify('???-????-???', letters='abcdefghijkmnpqrstuvwxyz')}",
                             f"https://{f.domain_name()}/rpm/patients/{rng.randint(10 ** 5, 10 ** 8)}/dashboard",
                             f"https://sleep.{f.domain_name()}/compliance?sn={rng.randint(10 ** 8, 10 ** 10)}"]),
        "ip7": rng.choice([f.ipv4_public(), f.ipv4_private(), f.ipv6()]),
        "bb_no": rng.choice([f"BB{yy}-{_digits(rng, 6)}", f"TXM{_digits(rng, 7)}"]),
        "bb_band": rng.choice([f"{rng.choice(letters)}{rng.choice(letters)}{_digits(rng, 5)}", f"BBID {_digits(rng, 6)}", _digits(rng, 7)]),
        "nbs_card": rng.choice([f"{yy}-{_digits(rng, 6)}", f"{_digits(rng, 8)}", f"NBS{_digits(rng, 7)}"]),
        "reg_acc": rng.choice([f"{d.year}{_digits(rng, 5)}", f"{d.year}-{_digits(rng, 5)}", f"0{_digits(rng, 8)}"]),
        "mbi7": deid._mbi(rng),
        "pnr": "".join(rng.choice(letters + "23456789") for _ in range(6)),
        "passport": rng.choice([_digits(rng, 9), f"{rng.choice(letters)}{_digits(rng, 8)}"]),
        "poc_sn": rng.choice([f"{rng.choice(['IO', 'SM'])}{_digits(rng, 8)}", _digits(rng, 10)]),
        "case_no": rng.choice([f"{yy}CR{_digits(rng, 6)}", f"CR-{d.year}-{_digits(rng, 6)}", f"{d.year}-F-{_digits(rng, 5)}"]),
        "booking_no": rng.choice([f"{d.year}{_digits(rng, 6)}", f"B{_digits(rng, 8)}"]),
        "lic7": rng.choice([f"{rng.choice(['E', 'P', 'A'])}{_digits(rng, 7)}", f"{rng.choice(['MD', 'G', 'A'])}{_digits(rng, 6)}", _digits(rng, 8)]),
        "run_no": rng.choice([f"{yy}-{_digits(rng, 6)}", f"F{yy}{_digits(rng, 7)}", _digits(rng, 10)]),
        "pcr_no": rng.choice([f"PCR{_digits(rng, 8)}", f"{_digits(rng, 4)}-{_digits(rng, 5)}"]),
        "plate7": rng.choice([f"{rng.randint(1, 9)}{''.join(rng.choice(letters) for _ in range(3))}{_digits(rng, 3)}",
                              f"{''.join(rng.choice(letters) for _ in range(3))}-{_digits(rng, 4)}", f"{''.join(rng.choice(letters) for _ in range(3))} {_digits(rng, 3)}"]),
        "vin7": "".join(rng.choice(_VIN_CHARS) for _ in range(17)),
        "poison_case": rng.choice([f"{yy}-{_digits(rng, 6)}", f"PC{_digits(rng, 8)}"]),
        "vac_sn": rng.choice([f"VAC{_digits(rng, 7)}", f"{rng.choice(letters)}{rng.choice(letters)}{_digits(rng, 6)}"]),
        "endo_no": rng.choice([f"EN{_digits(rng, 8)}", f"{yy}-{_digits(rng, 5)}"]),
        "scope_sn": rng.choice([_digits(rng, 7), f"2{rng.choice(letters)}{_digits(rng, 6)}"]),
        "path7": rng.choice([f"S{yy}-{_digits(rng, 5)}", f"SP{yy}-{_digits(rng, 6)}"]),
        "psg_no": rng.choice([f"PSG-{yy}-{_digits(rng, 4)}", f"{_digits(rng, 6)}"]),
        "cpap_sn": rng.choice([f"2{_digits(rng, 10)}", f"J{_digits(rng, 8)}", f"{_digits(rng, 5)}{rng.choice(letters)}{_digits(rng, 4)}"]),
        "dme7": f.company() + " Medical Supply", "hh7": f.company() + " Home Health",
        "acct7": rng.choice([f"{_digits(rng, 9)}", f"A{_digits(rng, 8)}", f"{_digits(rng, 6)}-{_digits(rng, 2)}"]),
        "ha_r": rng.choice([_digits(rng, 8), f"{yy}{rng.randint(1, 52):02d}{_digits(rng, 5)}", f"R{_digits(rng, 9)}"]),
        "ha_l": rng.choice([_digits(rng, 8), f"{yy}{rng.randint(1, 52):02d}{_digits(rng, 5)}", f"L{_digits(rng, 9)}"]),
        "donor_ref": rng.choice([f"R{yy}-{_digits(rng, 5)}", f"{_digits(rng, 7)}"]),
        "dl7": rng.choice([f"{rng.choice(letters)}{_digits(rng, 7)}", f"{_digits(rng, 3)}-{_digits(rng, 3)}-{_digits(rng, 3)}", f"{rng.choice(letters)}{_digits(rng, 12)}"]),
        "transfer_no": rng.choice([f"TR{_digits(rng, 7)}", f"{yy}{d.month:02d}-{_digits(rng, 4)}"]),
        "policy_no": rng.choice([f"{''.join(rng.choice(letters) for _ in range(3))}{_digits(rng, 9)}", f"{_digits(rng, 9)}-01", f"{rng.choice(letters)}{_digits(rng, 10)}"]),
        "auth7": rng.choice([f"PA{_digits(rng, 8)}", f"{yy}{_digits(rng, 7)}"]),
        "rehab_id": rng.choice([f"IRF-{_digits(rng, 6)}", f"{_digits(rng, 7)}"]),
        "rent_no": rng.choice([f"RA-{_digits(rng, 7)}", f"{_digits(rng, 10)}"]),
        "rpm_sn": rng.choice([f"{rng.choice(['HM', 'RPM'])}{_digits(rng, 8)}", f"{_digits(rng, 4)}-{_digits(rng, 4)}-{_digits(rng, 4)}"]),
        "subj_id": rng.choice([f"HA-{_digits(rng, 5)}", f"{rng.randint(1, 20):02d}-{_digits(rng, 4)}"]),
        "sample7": rng.choice([f"BIO{_digits(rng, 7)}", f"{_digits(rng, 4)}-{rng.choice(letters)}{_digits(rng, 3)}"]),
        "ins_co7": rng.choice(["Blue Cross Blue Shield", "Aetna", "UnitedHealthcare", "Humana", "Cigna"]) + " Medicare Advantage",
        "grp7": rng.choice([_digits(rng, 6), f"{_digits(rng, 3)}{rng.choice(letters)}{_digits(rng, 4)}"]),
        "claim7": rng.choice([f"{_digits(rng, 12)}", f"CLM{_digits(rng, 9)}", f"{yy}{_digits(rng, 3)}E{_digits(rng, 6)}"]),
        "pm_sn": rng.choice([f"PJN{_digits(rng, 6)}H", f"{rng.choice(letters)}{rng.choice(letters)}{rng.choice(letters)}{_digits(rng, 6)}", f"{_digits(rng, 6)}"]),
        "visit7": rng.choice([f"V{_digits(rng, 9)}", _digits(rng, 10)]),
    }


def _draw(n: int, seed: int) -> list[tuple[str, str, dict[str, str]]]:
    """(lang, template, values) for each note; make_round7_notes renders them."""
    return deid.draw(n, seed, ROUND7_ZH, ROUND7_EN, (deid._round5_zh, r6.round6_zh_values, round7_zh_values), (deid.round5_en_values, r6.round6_en_values, round7_en_values))


def make_round7_notes(n: int, seed: int) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    """n notes, alternating zh and en, as (lang, text, gold spans), like deid.make_notes."""
    return [(lang, *deid.render(template, values)) for lang, template, values in _draw(n, seed)]


_BASE_NOT_PHI = {"sex", "bed", "cc", "dx", "hosp", "hosp2", "sex_title", "pos_kin", "rel_zh", "rel", "rel_sub", "sex_1", "op", "op_dx",
                 "age_young", "age_child", "age_teen", "state", "rel_parent"}


def _check(n: int = 200, seed: int = 13) -> None:
    deid.check_round("round-7", _draw(n, seed), make_round7_notes(n, seed), ROUND7_ZH, ROUND7_EN, ROUND7_CATEGORY,
                     _BASE_NOT_PHI | _NOT_PHI)


if __name__ == "__main__":
    _check()
    deid.show_notes(make_round7_notes(200, 13))
