package org.dangjian.graph.sample;

import java.util.List;
import java.util.SplittableRandom;

/** Synthetic Chinese names and lists of plausible names for generated units and places. */
final class Names {

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦符羊吉";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英文华建国红梅海燕志坚春花小龙玉兰德胜永福晓东立新丹丹宏亮雪梅国庆凤英家豪佳怡子涵";

    static final List<String> BIG_COMMUNITIES = List.of("东风", "大同", "城北", "西干", "东干");

    /** The 23 grassroots areas of the built-up area, per big community (synthetic where the report names none). */
    static final List<List<String>> COMMUNITIES = List.of(
            List.of("东风社区", "人民社区", "文化社区", "解放社区", "先锋村"),
            List.of("大同社区", "胜利社区", "北门社区", "长坡居"),
            List.of("城北社区", "中兴社区", "富克社区", "新风社区", "茶山村"),
            List.of("西干社区", "红旗社区", "和平社区", "石屋村"),
            List.of("东干社区", "军屯社区", "布井村", "屋基居", "南门社区"));

    static final List<String> INDUSTRIES =
            List.of("教育", "卫生健康", "交通运输", "建筑业", "商贸流通", "金融", "物业服务", "律师行业", "会计行业", "快递物流", "互联网");

    static final List<String> COMPREHENSIVE =
            List.of("市社会组织综合党委", "那大镇两新组织综合党委", "市商会综合党委", "市工业园区综合党委", "市个体私营经济综合党委");

    static final List<String> ORGANS = List.of(
            "市教育局",
            "市卫生健康委员会",
            "市农业农村局",
            "市城市管理局",
            "市财政局",
            "市人力资源和社会保障局",
            "市自然资源和规划局",
            "市住房和城乡建设局",
            "市交通运输局",
            "市水务局",
            "市商务局",
            "市文化广电旅游体育局",
            "市退役军人事务局",
            "市应急管理局",
            "市审计局",
            "市市场监督管理局",
            "市统计局",
            "市医疗保障局",
            "市民政局",
            "市司法局",
            "市生态环境局",
            "市发展和改革委员会",
            "市工业和信息化局",
            "市科学技术局",
            "市民族宗教事务局",
            "市信访局",
            "市政务服务中心",
            "市现代服务业和投资促进局",
            "市土地与房屋征收局",
            "市综合行政执法局",
            "市林业局",
            "市海洋与渔业局",
            "市旅游和文化广电局",
            "市档案馆",
            "市地方志办公室",
            "市机关事务管理局",
            "市委办公室",
            "市政府办公室",
            "市委组织部",
            "市委宣传部",
            "市委统战部",
            "市委政法委",
            "市纪委监委",
            "市委编办",
            "市委党校",
            "市人大常委会办公室",
            "市政协办公室",
            "市总工会",
            "团市委",
            "市妇联",
            "市科协",
            "市残联",
            "市工商联",
            "市红十字会",
            "市供销社",
            "市公安局",
            "市检察院",
            "市法院",
            "市税务局",
            "市气象局");

    static final List<String> INSTITUTIONS = List.of(
            "市人民医院",
            "市中医医院",
            "市第一中学",
            "市第二中学",
            "市实验小学",
            "市疾病预防控制中心",
            "市妇幼保健院",
            "市图书馆",
            "市文化馆",
            "市博物馆",
            "市体育中心",
            "市广播电视台",
            "市融媒体中心",
            "市城市规划设计院",
            "市环境卫生管理所",
            "市园林管理所",
            "市水文站",
            "市社会福利院",
            "市殡仪馆",
            "市公共资源交易中心");

    static final List<String> SOES =
            List.of("市城市投资集团", "市水务集团", "市公交集团", "市农垦公司", "市旅游投资公司", "市供电局", "市燃气公司", "市粮食储备公司", "市建设集团", "市国有资产经营公司");

    private static final String COMPANY_HEADS = "海椰鹿鸣新华汇通泰和嘉信金源恒达瑞丰宏图兴业鼎盛华美天成益民众诚百顺永安富康润泽";
    private static final List<String> COMPANY_TAILS = List.of(
            "科技有限公司",
            "贸易有限公司",
            "建筑工程有限公司",
            "餐饮管理有限公司",
            "商贸有限公司",
            "农业开发有限公司",
            "物流有限公司",
            "信息技术有限公司",
            "装饰工程有限公司",
            "汽车服务有限公司",
            "酒店有限公司",
            "医药连锁有限公司");
    private static final List<String> SOCIAL_TAILS =
            List.of("志愿者协会", "社会工作服务中心", "慈善会", "商会", "行业协会", "青年创业协会", "老年协会", "文化促进会", "养老服务中心", "心理咨询服务中心");
    private static final List<String> COMPOUND_TAILS = List.of("小区", "花园", "家园", "苑", "公寓", "新村", "名城", "雅居");

    private final SplittableRandom random;

    Names(SplittableRandom random) {
        this.random = random;
    }

    String person() {
        String given = GIVEN.substring(random.nextInt(GIVEN.length() - 1)).substring(0, 1 + random.nextInt(2));
        return pick(SURNAMES) + given;
    }

    String company(int n) {
        return pick(COMPANY_HEADS)
                + pick(COMPANY_HEADS)
                + COMPANY_TAILS.get(random.nextInt(COMPANY_TAILS.size()))
                + suffix(n);
    }

    String propertyCompany(int n) {
        return pick(COMPANY_HEADS) + pick(COMPANY_HEADS) + "物业服务有限公司" + suffix(n);
    }

    String social(int n) {
        return "儋州市" + pick(COMPANY_HEADS) + pick(COMPANY_HEADS) + SOCIAL_TAILS.get(random.nextInt(SOCIAL_TAILS.size()))
                + suffix(n);
    }

    String compound(int n) {
        return pick(COMPANY_HEADS)
                + pick(COMPANY_HEADS)
                + COMPOUND_TAILS.get(random.nextInt(COMPOUND_TAILS.size()))
                + suffix(n);
    }

    String supermarket(int n) {
        return pick(COMPANY_HEADS) + pick(COMPANY_HEADS) + "超市" + suffix(n);
    }

    /** A phone number in a reserved-looking synthetic range. */
    String phone() {
        return "1390000" + String.format("%04d", random.nextInt(10_000));
    }

    private static String suffix(int n) {
        return n < 30 ? "" : "（" + n + "）";
    }

    private String pick(String chars) {
        return String.valueOf(chars.charAt(random.nextInt(chars.length())));
    }
}
