#!/usr/bin/env python3
"""Builds bench/data/customer_names.tsv, the name frequency table of bench/make_customers.py.

Two sources, both on this machine or in this file:
  * The author names in /usr/share/doc/*/copyright (Debian package copyright files): every
    distinct "Given [Middle] Surname <email>" holder counts once, so the counts are how often
    a given name or a surname occurs among real people, not how prolific one author is. These
    names are mostly European and American; they form the culture "intl".
  * Hand-written lists for the cultures that the copyright files under-represent (Arabic,
    Persian, Russian, Chinese, Indian, Spanish, ...), each in its usual Latin transliteration
    and in rough order of frequency; a name's weight is 10000/(rank + 4), a flattened Zipf law
    (plain 1/rank over a 40-name list gives the first name ~25% of its culture, where real
    populations give their most common name 3-10%).

The table is committed; rerun this only to change it:
  python3 bench/name_stats.py > bench/data/customer_names.tsv
Output lines (TAB-separated), after '#' comments:
  culture  CODE  SHARE  COUNTRIES          share of the book's persons (per mille); ISO codes
  given    CODE  NAME   WEIGHT
  surname  CODE  NAME   WEIGHT
  orgword  -     WORD   WEIGHT             words of company names (the legal form is added apart)
"""
import collections
import glob
import re
import sys

# culture code, share of persons (per mille), countries (ISO 3166-1 alpha-2, first most likely)
CULTURES = [
    ("intl", 330, "US,GB,DE,FR,NL,IT,CA,AU,SE,CH,BE,AT,ES,PL,IE,DK,NO,FI,CZ,NZ"),
    ("en", 90, "US,GB,CA,AU,IE,NZ,ZA"),
    ("es", 80, "ES,MX,CO,AR,PE,CL,VE,EC"),
    ("ar", 60, "EG,SA,AE,JO,LB,MA,DZ,TN,IQ,SY,KW,QA"),
    ("fa", 25, "IR,AF,DE,GB,US,CA"),
    ("ru", 50, "RU,UA,BY,KZ,DE,IL,LV,EE"),
    ("zh", 80, "CN,HK,TW,SG,MY,US,CA,GB"),
    ("in", 70, "IN,GB,US,AE,SG,CA"),
    ("ja", 20, "JP,US"),
    ("ko", 20, "KR,US"),
    ("vi", 15, "VN,US,FR,AU"),
    ("tr", 25, "TR,DE,NL,AT"),
    ("pt", 35, "BR,PT,AO,MZ"),
    ("ng", 30, "NG,GB,US,GH"),
    ("sw", 15, "KE,TZ,UG"),
    ("pl", 20, "PL,DE,GB,IE"),
    ("gr", 10, "GR,CY,DE,AU"),
    ("id", 25, "ID,MY,SG"),
]

# Hand-written lists, most frequent first (given names mixed male and female).
GIVEN = {
    "en": "James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara "
          "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Nancy Daniel Lisa "
          "Matthew Betty Anthony Margaret Mark Sandra Donald Ashley Steven Emily Paul Donna Andrew "
          "Michelle Joshua Carol Kenneth Amanda Kevin Melissa Brian Deborah George Stephanie Oliver "
          "Amelia Harry Olivia Jack Isla Charlie Sophie",
    "es": "Jose Maria Juan Carmen Antonio Ana Francisco Isabel Manuel Laura Luis Dolores David "
          "Pilar Javier Teresa Miguel Rosa Carlos Cristina Jesus Lucia Pedro Elena Alejandro "
          "Marta Fernando Raquel Sergio Patricia Jorge Sofia Rafael Paula Andres Gabriela Diego "
          "Valentina Pablo Camila Alberto Mariana Ricardo Daniela Eduardo Adriana Santiago "
          "Guadalupe Mateo Ximena",
    "ar": "Mohammed Fatima Ahmed Aisha Ali Maryam Omar Khadija Youssef Zainab Hassan Layla "
          "Ibrahim Noor Khalid Sara Mahmoud Huda Mustafa Amina Abdullah Salma Tariq Rania Karim "
          "Dina Samir Nadia Walid Hana Nabil Yasmin Faisal Leila Hamza Mona Rashid Reem Adel "
          "Lubna Bilal Samira Ziad Dalia Majid Nour Saeed Rasha Fadi Jamila",
    "fa": "Mohammad Zahra Ali Fatemeh Reza Maryam Hossein Narges Mehdi Leila Amir Zeinab "
          "Hamid Sara Saeed Nasrin Ahmad Parisa Hassan Shirin Javad Mahsa Majid Elham Farhad "
          "Roya Behrouz Azadeh Dariush Golnar Kourosh Niloufar Arash Fereshteh Babak Yasaman "
          "Omid Ladan Navid Soraya",
    "ru": "Aleksandr Elena Sergey Olga Dmitry Natalia Andrey Tatiana Alexey Irina Vladimir "
          "Svetlana Mikhail Anna Ivan Maria Nikolai Ekaterina Yuri Marina Igor Yulia Pavel "
          "Anastasia Maxim Galina Artem Ludmila Roman Oksana Viktor Nadezhda Oleg Daria Denis "
          "Ksenia Evgeny Polina Konstantin Valentina Anton Vera Kirill Larisa Boris Tamara",
    "zh": "Wei Fang Min Jing Lei Li Jun Ying Yong Hui Jie Xiu Tao Yan Qiang Mei Hao Na Bin "
          "Xin Chao Ling Peng Juan Gang Hong Ming Lan Hua Ping Jian Yu Feng Ting Long Qing "
          "Zhen Yi Kai Xiaoming Jiahui Zihan Haoran Yuxuan Zhiwei",
    "in": "Aarav Priya Rahul Ananya Amit Pooja Rajesh Sneha Suresh Kavya Vijay Deepa Sanjay "
          "Anjali Arjun Divya Ravi Neha Anil Lakshmi Vikram Meera Rohit Sunita Manoj Shreya "
          "Sunil Nisha Ajay Aishwarya Ramesh Geeta Karthik Swati Naveen Radha Harish Pallavi "
          "Prakash Rekha Gaurav Shalini Ashok Usha",
    "ja": "Hiroshi Yuko Takashi Keiko Kenji Naoko Satoshi Yumi Makoto Akiko Daisuke Emi "
          "Yuki Haruka Kazuo Sakura Takeshi Aiko Ryo Mai Shota Yui Kenta Misaki Naoki Rina",
    "ko": "Min-jun Seo-yeon Ji-hoon Ji-woo Hyun-woo Soo-jin Dong-hyun Eun-ji Sung-min Ha-eun "
          "Jae-won Min-seo Young-ho Ye-jin Sang-woo Hye-jin Jun-ho Yu-na Tae-yang Su-bin",
    "vi": "Minh Linh Anh Huong Duc Lan Hung Mai Tuan Thao Thanh Ha Quang Trang Long Ngoc "
          "Phuong Dung Hai Hoa",
    "tr": "Mehmet Ayse Mustafa Fatma Ahmet Emine Ali Hatice Huseyin Zeynep Hasan Elif "
          "Ibrahim Merve Murat Esra Emre Ozlem Burak Derya Kemal Selin Yusuf Gul Omer Leyla",
    "pt": "Joao Maria Jose Ana Antonio Francisca Carlos Adriana Paulo Juliana Pedro Marcia "
          "Lucas Fernanda Luiz Patricia Marcos Aline Rafael Camila Gabriel Leticia Thiago "
          "Beatriz Felipe Larissa Rodrigo Bruna",
    "ng": "Chinedu Ngozi Oluwaseun Adaeze Emeka Funmilayo Tunde Chiamaka Ikechukwu Yetunde "
          "Babatunde Nneka Obinna Folake Segun Amaka Uche Bisi Kelechi Temitope Adebayo Ifeoma "
          "Chukwuemeka Bukola",
    "sw": "Baraka Amani Juma Neema Otieno Wanjiru Mwangi Akinyi Kamau Achieng Omondi Wambui "
          "Kiprop Jelimo Hamisi Zawadi Onyango Nyokabi",
    "pl": "Piotr Anna Krzysztof Maria Andrzej Katarzyna Tomasz Malgorzata Pawel Agnieszka "
          "Jan Barbara Michal Ewa Marcin Krystyna Grzegorz Magdalena Jakub Joanna Lukasz Zofia",
    "gr": "Georgios Maria Ioannis Eleni Konstantinos Aikaterini Dimitrios Vasiliki Nikolaos "
          "Sofia Panagiotis Angeliki Christos Dimitra Vasileios Georgia Athanasios Despoina",
    "id": "Budi Siti Agus Dewi Eko Sri Hendra Rina Joko Wati Andi Yuni Rudi Lestari Bambang "
          "Ratna Dedi Indah Wahyu Putri Arief Ayu",
}

SURNAME = {
    "en": "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore "
          "Jackson Martin Thompson White Harris Clark Lewis Robinson Walker Hall Allen Young "
          "King Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter "
          "Phillips Evans Turner Parker Collins Edwards Stewart Morris Murphy Cook Rogers "
          "Morgan Cooper Peterson Bailey Reed Kelly Howard Cox Ward Richardson Watson Brooks",
    "es": "Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres "
          "Flores Rivera Gomez Diaz Reyes Morales Cruz Ortiz Gutierrez Chavez Ramos Ruiz "
          "Alvarez Mendoza Castillo Jimenez Moreno Romero Herrera Medina Aguilar Vargas "
          "Castro Guzman Fernandez Munoz Rojas Navarro Delgado Vega Cabrera Campos Molina "
          "Suarez Ortega Dominguez Serrano Iglesias Blanco Pena",
    "ar": "Al-Sayed Hassan Mahmoud Abdullah Ibrahim Mustafa Haddad Khalil Nasser Saleh "
          "Othman Farouk Mansour Aziz Hamdan Jaber Yousef Qasim Salem Rahman Al-Amin "
          "Darwish Shaheen Habib Kassem Suleiman Najjar Khoury Bakr Zaki Hijazi Sabbagh "
          "El-Masri Tawfik Barakat Fakhoury Awad Sharif Kanaan Azzam",
    "fa": "Mohammadi Hosseini Ahmadi Rezaei Moradi Karimi Jafari Rahimi Mousavi Hashemi "
          "Sadeghi Ebrahimi Ghasemi Kazemi Najafi Tehrani Shirazi Esfahani Rostami Amini "
          "Bagheri Nazari Azizi Sharifi Farahani Soltani Daneshvar Zand Kamali Farzaneh",
    "ru": "Ivanov Smirnov Kuznetsov Popov Vasilyev Petrov Sokolov Mikhailov Novikov Fedorov "
          "Morozov Volkov Alekseev Lebedev Semenov Egorov Pavlov Kozlov Stepanov Nikolaev "
          "Orlov Andreev Makarov Nikitin Zakharov Zaitsev Solovyov Borisov Yakovlev Grigoriev "
          "Romanov Vorobyov Sergeev Kuzmin Frolov Alexandrov Dmitriev Korolev Gusev Kiselev",
    "zh": "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin "
          "Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan "
          "Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Shen",
    "in": "Sharma Verma Patel Singh Kumar Gupta Reddy Iyer Nair Rao Joshi Mehta Shah Desai "
          "Chopra Kapoor Malhotra Bhatia Agarwal Banerjee Chatterjee Mukherjee Das Pillai "
          "Menon Krishnan Subramanian Naidu Jain Saxena Trivedi Pandey Mishra Chauhan Yadav",
    "ja": "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato "
          "Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki "
          "Mori Abe Ikeda Hashimoto",
    "ko": "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song "
          "Yoo Hong",
    "vi": "Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do Ho Ngo Duong Ly Truong Dinh",
    "tr": "Yilmaz Kaya Demir Sahin Celik Yildiz Yildirim Ozturk Aydin Ozdemir Arslan Dogan "
          "Kilic Aslan Cetin Kara Koc Kurt Ozkan Simsek Polat Erdogan Korkmaz Aksoy",
    "pt": "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa "
          "Ribeiro Martins Carvalho Almeida Lopes Soares Fernandes Vieira Barbosa Rocha Dias "
          "Nascimento Andrade Moreira Nunes Marques Machado Mendes Freitas",
    "ng": "Okafor Adeyemi Okonkwo Balogun Eze Olawale Nwosu Adebayo Obi Ogunleye Chukwu "
          "Afolabi Nwachukwu Bello Okoro Adeleke Ibe Oyelaran Uchenna Akinola Onyeka Fashola",
    "sw": "Mwangi Otieno Kamau Wanjiku Ochieng Njoroge Kiprotich Mutua Onyango Kariuki "
          "Wambua Mohamed Juma Chebet Odhiambo Kimani",
    "pl": "Nowak Kowalski Wisniewski Wojcik Kowalczyk Kaminski Lewandowski Zielinski "
          "Szymanski Wozniak Dabrowski Kozlowski Jankowski Mazur Kwiatkowski Krawczyk "
          "Piotrowski Grabowski",
    "gr": "Papadopoulos Papadakis Georgiou Oikonomou Nikolaidis Dimitriou Vasileiou "
          "Konstantinidis Karagiannis Pappas Makris Christodoulou Alexiou Ioannidis",
    "id": "Santoso Wijaya Susanto Hidayat Saputra Kusuma Setiawan Pratama Nugroho Halim "
          "Gunawan Wibowo Siregar Lubis Hutapea Sihombing Tanoto Harahap",
}

ORG_WORDS = (
    "Global Trading Holdings Logistics Consulting Industries Group Partners Systems Capital "
    "Services Solutions Engineering Textiles Foods Pharma Energy Shipping Marine Agro "
    "Construction Technologies Software Medical Imports Exports Electronics Motors Furniture "
    "Garments Farms Minerals Metals Plastics Packaging Chemicals Travel Hotels Media Design "
    "Printing Fashion Bakery Dairy Coffee Tea Spices Seafood Fruit Paper Glass Steel Cement "
    "Timber Solar Wind Water Health Dental Optical Security Insurance Finance Investments "
    "Realty Properties Estates Development Ventures Enterprises Northern Southern Eastern "
    "Western Pacific Atlantic Alpine Coastal Royal Golden Silver Green Blue Star Sun Moon "
    "Orion Phoenix Falcon Eagle Lion Cedar Oak Maple Lotus Jade Pearl Crystal Summit Horizon "
    "Harbor Bridge River Valley Delta Metro Urban Prime Allied United Standard Premier Apex")

NOT_A_NAME = set(
    "Free Software Foundation Inc Ltd Limited Project Team Corporation Corp Company University "
    "Institute Contributors Authors Developers Copyright The And Of Debian Association Public "
    "Interest Others Group Community Consortium Technologies Systems Labs Laboratories Google "
    "Microsoft Apple Oracle Intel Red Hat Sun Microsystems Mozilla Apache GNU Linux Python "
    "Perl Qt Software Holder Maintainers Maintainer Packagers Translators Unicode Open Source "
    "License Licensed Networks Research Center Centre Society Digital Network Solutions Rights "
    "Reserved All Regents California Technology Massachusetts Internet Consortium".split())

NAME_RE = re.compile(
    r"([A-Z][a-z\u00c0-\u024f'\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z\u00c0-\u024f'\-]+){1,2})"
    r"\s*<[^<>@\s]+@[^<>\s]+>")


def copyright_people():
    people = set()
    for path in sorted(glob.glob("/usr/share/doc/*/copyright")):
        try:
            text = open(path, encoding="utf-8", errors="replace").read()
        except OSError:
            continue
        for m in NAME_RE.finditer(text):
            words = m.group(1).split()
            if any(w.rstrip(".") in NOT_A_NAME for w in words):
                continue
            people.add((words[0], words[-1]))
    return people


def main():
    people = copyright_people()
    given = collections.Counter(g for g, _ in people)
    surname = collections.Counter(s for _, s in people)
    out = sys.stdout
    out.write("# Name frequency table for bench/make_customers.py; built by bench/name_stats.py\n")
    out.write("# (see its docstring). intl: %d distinct author names from /usr/share/doc/*/copyright;\n"
              % len(people))
    out.write("# other cultures: hand-written lists weighted 10000/(rank + 4).\n")
    for code, share, countries in CULTURES:
        out.write("culture\t%s\t%d\t%s\n" % (code, share, countries))
    for kind, counter in (("given", given), ("surname", surname)):
        for name, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
            out.write("%s\tintl\t%s\t%d\n" % (kind, name, n * 1000))
    for kind, lists in (("given", GIVEN), ("surname", SURNAME)):
        for code in sorted(lists):
            for rank, name in enumerate(lists[code].split(), 1):
                out.write("%s\t%s\t%s\t%d\n" % (kind, code, name, 10000 // (rank + 4)))
    for rank, word in enumerate(ORG_WORDS.split(), 1):
        out.write("orgword\t-\t%s\t%d\n" % (word, max(1, 1000 // rank)))


if __name__ == "__main__":
    main()
