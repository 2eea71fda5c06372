"""Name pools for demo data: given, middle and family names by naming tradition, with languages.

Lists are long enough that names repeat the way they do in a real register, not so short that a
page of cases shows the same name twice. Arabic-script names carry a Latin transliteration, which
registers in East Africa often record beside them (it goes into the person's other names).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Culture:
    """How people of one naming tradition are named, and what they speak.

    A full name is a given name, sometimes a middle name (a father's name, a clan name, a
    mother's maiden name) and a family name. `family_female`, when set, replaces `family` for
    women (Ganda and Kalenjin women's names, Polish -ska). `languages` starts with the mother
    tongue; `translit` maps every name to its Latin spelling for non-Latin scripts.
    """

    given_male: tuple[str, ...]
    given_female: tuple[str, ...]
    family: tuple[str, ...]
    languages: tuple[str, ...]
    middle_male: tuple[str, ...] = ()
    middle_female: tuple[str, ...] = ()
    middle_share: float = 0.0
    family_female: tuple[str, ...] = ()
    translit: dict[str, str] = field(default_factory=dict)


def _split(text: str) -> tuple[str, ...]:
    """Names separated by commas (so multi-word names such as "dela Cruz" stay whole)."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


EA_CHRISTIAN_MALE = _split(
    "John, Peter, Joseph, James, David, Daniel, Samuel, Stephen, Paul, Michael, George, Francis, "
    "Patrick, Charles, Dennis, Kevin, Brian, Collins, Victor, Evans, Moses, Simon, Joshua, Elijah, "
    "Wycliffe, Geoffrey, Kennedy, Vincent, Erick, Felix, Isaac, Benard, Alex, Duncan, Gideon")
EA_CHRISTIAN_FEMALE = _split(
    "Mary, Grace, Faith, Mercy, Jane, Ann, Esther, Lucy, Caroline, Purity, Beatrice, Rose, Joyce, "
    "Eunice, Nancy, Margaret, Catherine, Elizabeth, Sarah, Rebecca, Violet, Winnie, Sharon, Diana, "
    "Irene, Gladys, Josephine, Agnes, Christine, Dorcas")

KIKUYU = Culture(
    given_male=EA_CHRISTIAN_MALE, given_female=EA_CHRISTIAN_FEMALE,
    middle_male=_split("Kamau, Njoroge, Mwangi, Kariuki, Githinji, Maina, Kimani, Ndung'u, Waweru, "
                       "Macharia, Gitau, Njenga, Mugo, Karanja, Wachira, Muriuki, Ngugi, Kinyua"),
    middle_female=_split("Wanjiku, Wambui, Nyambura, Wairimu, Njeri, Wanjiru, Wangari, Muthoni, "
                         "Nyokabi, Waithera, Wangui, Njoki, Wacera, Wahu, Nduta"),
    middle_share=0.75,
    family=_split("Kamau, Njoroge, Mwangi, Kariuki, Maina, Kimani, Ndung'u, Waweru, Macharia, Gitau, "
                  "Njenga, Mugo, Karanja, Wachira, Muriuki, Ngugi, Kinyua, Gachanja, Mureithi, Githae, "
                  "Ngure, Kang'ethe, Wainaina, Irungu, Muchiri, Gachuhi, Kiarie, Mbugua"),
    languages=("Kikuyu", "Swahili", "English"))

LUO = Culture(
    given_male=EA_CHRISTIAN_MALE, given_female=EA_CHRISTIAN_FEMALE,
    middle_male=_split("Otieno, Odhiambo, Ochieng, Onyango, Omondi, Owino, Okoth, Ouma, Oduor, Ogola, "
                       "Opiyo, Juma, Okumu, Oloo"),
    middle_female=_split("Akinyi, Atieno, Achieng, Adhiambo, Awino, Anyango, Auma, Akoth, Apiyo, Aoko, "
                         "Akeyo, Anyango"),
    middle_share=0.7,
    family=_split("Otieno, Odhiambo, Ochieng, Onyango, Omondi, Owino, Okoth, Ouma, Oduor, Ogola, Opiyo, "
                  "Obura, Odera, Okumu, Oloo, Ojwang, Oketch, Were, Achola, Owuor, Nyaga, Odongo"),
    languages=("Dholuo", "Swahili", "English"))

LUHYA = Culture(
    given_male=EA_CHRISTIAN_MALE, given_female=EA_CHRISTIAN_FEMALE,
    middle_male=_split("Wafula, Wanjala, Barasa, Wekesa, Simiyu, Wamalwa, Makokha, Shikuku, Khaemba, "
                       "Masinde, Wanyonyi"),
    middle_female=_split("Nafula, Nanjala, Nekesa, Naliaka, Nasimiyu, Nabwire, Namalwa, Khasoa, Nambuye"),
    middle_share=0.6,
    family=_split("Wafula, Wanjala, Barasa, Wekesa, Simiyu, Wamalwa, Makokha, Shikuku, Khaemba, "
                  "Masinde, Mukhwana, Wanyonyi, Ashioya, Lumbasi, Amukoye, Wasike, Mulongo, Ambani"),
    languages=("Luhya", "Swahili", "English"))

KALENJIN = Culture(
    given_male=EA_CHRISTIAN_MALE, given_female=EA_CHRISTIAN_FEMALE,
    middle_male=_split("Kiprono, Kipchumba, Kiplagat, Kipkemboi, Kibet, Kiprotich, Kipkorir, Kimutai, "
                       "Kiptoo, Kiprop, Kipyegon"),
    middle_share=0.5,
    family=_split("Rotich, Cheruiyot, Kiprono, Koech, Langat, Kirui, Mutai, Korir, Kiptoo, Kosgei, Bett, "
                  "Sang, Tanui, Kipkemboi, Ngeno, Chirchir, Keter, Kibet, Kemboi"),
    family_female=_split("Chebet, Chepkoech, Jepkosgei, Cherono, Jeptoo, Chepngetich, Jerotich, "
                         "Chelimo, Chepkemoi, Jelagat, Chepkirui, Cherotich"),
    languages=("Kalenjin", "Swahili", "English"))

KAMBA = Culture(
    given_male=EA_CHRISTIAN_MALE, given_female=EA_CHRISTIAN_FEMALE,
    middle_male=_split("Mutua, Musyoka, Mwendwa, Kioko, Mutuku, Kyalo, Mwanzia, Wambua, Nzioka"),
    middle_female=_split("Mwikali, Mueni, Ndinda, Kalekye, Mwende, Syombua, Nduku, Kanini, Ndunge, "
                         "Mumbua"),
    middle_share=0.6,
    family=_split("Mutua, Musyoka, Mwendwa, Kioko, Muthama, Mutuku, Kyalo, Mwanzia, Wambua, Nzioka, "
                  "Kilonzo, Kimeu, Mulwa, Munyao, Ndambuki, Makau, Nthenge, Muindi"),
    languages=("Kamba", "Swahili", "English"))

SWAHILI_MALE = _split(
    "Juma, Hamisi, Baraka, Rashidi, Saidi, Hassani, Athumani, Ramadhani, Salum, Shabani, Mussa, "
    "Abdallah, Omari, Idd, Selemani, Yusufu, Emmanuel, Godfrey, Joseph, Daudi, Elia, Frank, "
    "Godlisten, Erasto, Nassoro, Issa, Bakari, Mohamedi, Ally, Hemedi, Amani, Zuberi")
SWAHILI = Culture(
    given_male=SWAHILI_MALE,
    given_female=_split("Rehema, Mwanaisha, Zuhura, Mwajuma, Neema, Upendo, Mwanahawa, Amina, Zawadi, "
                        "Halima, Saida, Tatu, Mariamu, Rukia, Aisha, Happiness, Joyce, Agnes, Esther, "
                        "Subira, Pendo, Salma, Zainabu, Mwanaidi"),
    middle_male=SWAHILI_MALE, middle_female=SWAHILI_MALE, middle_share=0.55,
    family=_split("Mwakyusa, Mussa, Juma, Hamisi, Saidi, Ally, Mohamedi, Rashidi, Hassani, Mrisho, "
                  "Kapinga, Mushi, Massawe, Lyimo, Swai, Kimaro, Temba, Mollel, Laizer, Mwakalinga, "
                  "Mwakasege, Chande, Kombo, Salim, Shirima, Minja, Mfinanga, Mbwambo, Magesa, Wambura, "
                  "Mtui, Nyambo"),
    languages=("Swahili", "English"))

UG_MALE = _split(
    "Joseph, John, Robert, Moses, Ronald, Isaac, Henry, Fred, Denis, Richard, Godfrey, Charles, Ivan, "
    "Julius, Emmanuel, Edward, Patrick, Joshua, Hassan, Sulaiman, Brian, Derrick, Allan, Paul, Simon")
UG_FEMALE = _split(
    "Sarah, Ruth, Florence, Harriet, Juliet, Prossy, Annet, Brenda, Doreen, Irene, Rose, Agnes, Betty, "
    "Stella, Scovia, Immaculate, Sylvia, Shamim, Aisha, Winnie, Esther, Lydia")
GANDA = Culture(
    given_male=UG_MALE, given_female=UG_FEMALE,
    family=_split("Ssempala, Mukasa, Kato, Wasswa, Ssekandi, Lubega, Kiggundu, Ssebunya, Mugerwa, Kizza, "
                  "Nsubuga, Ssemwogerere, Kaweesa, Lutaaya, Ssali, Mutebi, Kasozi, Ssenyonga, "
                  "Ssewanyana, Walusimbi, Kayondo, Lwanga, Sserwadda, Kintu, Matovu, Kakooza"),
    family_female=_split("Nakato, Babirye, Nansubuga, Namubiru, Nalubega, Nakimuli, Nabukenya, "
                         "Nakawunde, Namugga, Nassali, Nalwoga, Nankya, Nakiwala, Nambi, Nabirye, "
                         "Namatovu, Nakayiza"),
    languages=("Luganda", "English", "Swahili"))

NKOLE = Culture(
    given_male=UG_MALE, given_female=UG_FEMALE,
    family=_split("Tumusiime, Byaruhanga, Ainomugisha, Twinomujuni, Mugisha, Ahimbisibwe, Turyasingura, "
                  "Arinaitwe, Asiimwe, Atuhaire, Tumwine, Mwesigye, Kamugisha, Nuwagaba, Agaba, "
                  "Akankwasa, Byamukama, Rwakitarate"),
    family_female=_split("Kyomuhendo, Natukunda, Ninsiima, Kyarikunda, Ainembabazi, Asiimwe, "
                         "Atuhaire, Kembabazi, Tumuhairwe, Nahabwe, Ayebare, Kyomugisha"),
    languages=("Runyankole", "English", "Luganda"))

ACHOLI = Culture(
    given_male=UG_MALE, given_female=UG_FEMALE,
    family=_split("Okello, Ocen, Opio, Odongo, Ojok, Oryem, Okot, Otim, Okwera, Odoch, Olweny, Obwona, "
                  "Ochan, Komakech, Onen, Olanya"),
    family_female=_split("Akello, Atim, Aber, Adong, Apio, Akot, Lamunu, Auma, Ajok, Akumu, Ayaa, "
                         "Laker, Acen"),
    languages=("Acholi", "English", "Swahili"))

CHEWA = Culture(
    given_male=_split("Chisomo, Kondwani, Mayeso, Limbani, Blessings, Gift, Innocent, Yamikani, "
                      "Chikondi, Mphatso, Dalitso, Tiyamike, Kumbukani, Precious, Steve, Patrick, "
                      "Francis, Joseph, Peter, James, Wongani, Mathews, Lusungu, Chimwemwe, Kennedy"),
    given_female=_split("Chimwemwe, Thokozani, Tadala, Madalitso, Chifundo, Mercy, Grace, Esnart, Lucy, "
                        "Tiwonge, Chikondi, Tamanda, Ruth, Alinafe, Mwayi, Faith, Agnes, Memory, "
                        "Tionge, Annie, Ethel, Loveness"),
    family=_split("Banda, Phiri, Mwale, Chirwa, Nyirenda, Mbewe, Kumwenda, Gondwe, Kalua, Msiska, "
                  "Mhango, Tembo, Zulu, Ngwira, Kachingwe, Mkandawire, Chikopa, Jere, Chimwaza, Kamanga, "
                  "Mvula, Chisale, Kachale, Mussa, Moyo, Lungu, Mponda, Chiumia, Kaunda, Kampira, "
                  "Chimombo, Nkhoma"),
    languages=("Chichewa", "English"))

YORUBA = Culture(
    given_male=_split("Adewale, Olumide, Babatunde, Oluwaseun, Adebayo, Ayodele, Femi, Kehinde, Taiwo, "
                      "Segun, Tunde, Olusegun, Kunle, Gbenga, Wale, Dapo, Tobi, Damilola, Akinola, "
                      "Rasheed, Kayode, Sodiq"),
    given_female=_split("Folake, Funmilayo, Yetunde, Titilayo, Bukola, Abimbola, Omolara, Adunni, Kemi, "
                        "Bisola, Temitope, Damilola, Ronke, Toyin, Mojisola, Ireti, Aduke, Kafayat"),
    middle_male=_split("Oluwaseun, Adewale, Babatunde, Olumide, Ayodele, Kehinde, Taiwo, Akinola, Femi"),
    middle_female=_split("Oluwakemi, Folasade, Omolara, Temitope, Adunni, Abimbola, Ireti"),
    middle_share=0.45,
    family=_split("Adeyemi, Ogunleye, Oladipo, Afolabi, Balogun, Adebayo, Ogundipe, Olawale, Akinwale, "
                  "Bakare, Oyelaran, Adeleke, Ojo, Ogunbiyi, Salami, Lawal, Alabi, Adekunle, Ayoola, "
                  "Oyewole, Adegoke, Olaniyan, Oyebanji, Akande"),
    languages=("Yoruba", "English", "Nigerian Pidgin"))

IGBO = Culture(
    given_male=_split("Chinedu, Emeka, Obinna, Ikechukwu, Nnamdi, Uchenna, Chukwuemeka, Kelechi, "
                      "Ifeanyi, Onyeka, Chidi, Tochukwu, Ebuka, Somto, Nonso, Chibuike, Okechukwu, "
                      "Chijioke"),
    given_female=_split("Ngozi, Chiamaka, Adaeze, Nneka, Ifeoma, Chioma, Uchechi, Amarachi, Ebere, "
                        "Obiageli, Nkechi, Chinwe, Ogechi, Ujunwa, Ijeoma, Chinyere"),
    middle_male=_split("Chukwuemeka, Ikechukwu, Chidiebere, Obiora, Uchenna, Chinonso, Kenechukwu"),
    middle_female=_split("Chinyere, Nkiruka, Ifeyinwa, Adaobi, Ngozi, Chidinma"),
    middle_share=0.45,
    family=_split("Okafor, Okonkwo, Eze, Nwosu, Obi, Okeke, Nwachukwu, Ibe, Anyanwu, Nwankwo, Okoro, "
                  "Udeh, Agu, Ugwu, Chukwu, Ezeh, Onyeama, Nwafor, Oguejiofor, Mbah, Uzor, Ani, Nweke, "
                  "Onuoha"),
    languages=("Igbo", "English", "Nigerian Pidgin"))

HAUSA_MALE = _split(
    "Abubakar, Ibrahim, Musa, Usman, Aliyu, Sani, Bello, Garba, Yusuf, Umar, Haruna, Shehu, Idris, "
    "Kabiru, Nasiru, Bashir, Mustapha, Lawal, Salisu, Danladi, Auwal, Yakubu, Mohammed, Hamza, Isa, "
    "Adamu, Sadiq")
HAUSA = Culture(
    given_male=HAUSA_MALE,
    given_female=_split("Aisha, Hauwa, Zainab, Hadiza, Amina, Fatima, Maryam, Halima, Rabi, Binta, "
                        "Hafsat, Jamila, Asma'u, Khadija, Safiya, Bilkisu, Hassana, Ummi, Zuwaira"),
    family=_split("Abdullahi, Mohammed, Yusuf, Bello, Danjuma, Lawal, Suleiman, Garba, Umar, Shehu, "
                  "Musa, Ibrahim, Adamu, Usman, Aliyu, Isa, Haruna, Sani, Dahiru, Tijjani, Gambo, Audu, "
                  "Abubakar, Idris, Kabir, Sule"),
    languages=("Hausa", "English"))

ZULU = Culture(
    given_male=_split("Sipho, Bongani, Mandla, Sizwe, Themba, Lwazi, Siyabonga, Sibusiso, Nkosinathi, "
                      "Mthunzi, Sandile, Thulani, Mlungisi, Lungelo, Musa, Bheki, Sifiso, Xolani, "
                      "Njabulo, Mduduzi"),
    given_female=_split("Nomvula, Thandeka, Zanele, Lindiwe, Nokuthula, Ayanda, Nosipho, Zodwa, "
                        "Thembeka, Nompumelelo, Khanyisile, Sibongile, Busisiwe, Nonhlanhla, Zinhle"),
    family=_split("Dlamini, Nkosi, Ndlovu, Mkhize, Zulu, Khumalo, Mthembu, Ngcobo, Nxumalo, Cele, "
                  "Zungu, Mabaso, Radebe, Maseko, Sithole, Gumede, Shabalala, Mhlongo, Ntuli, Mahlaba, "
                  "Hadebe, Mazibuko, Msimang, Ngubane"),
    languages=("isiZulu", "English"))

XHOSA = Culture(
    given_male=_split("Luvuyo, Lwando, Siyabulela, Anathi, Lukhanyo, Mzwandile, Vuyani, Xolisa, Thando, "
                      "Zolani, Sinethemba, Andile, Aphiwe, Bulelani, Lonwabo"),
    given_female=_split("Nomsa, Nandipha, Siphokazi, Noluthando, Zintle, Yonela, Lulama, Nosiphiwo, "
                        "Thandiwe, Asanda, Olwethu, Akhona, Babalwa"),
    family=_split("Ngcukana, Nqaba, Dyantyi, Mabandla, Ntshona, Gqirana, Sokutu, Mkhabela, Ndabeni, "
                  "Qwabe, Jafta, Mtshali, Ngxola, Matiwane, Ndzimela, Mgudlwa, Sigcau, Makhaye"),
    languages=("isiXhosa", "English", "Afrikaans"))

SOTHO = Culture(
    given_male=_split("Thabo, Tebogo, Lebogang, Kagiso, Tshepo, Katlego, Neo, Karabo, Lesego, Mpho, "
                      "Teboho, Mothusi, Kabelo, Itumeleng"),
    given_female=_split("Lerato, Palesa, Dineo, Mpho, Refilwe, Boitumelo, Nthabiseng, Keitumetse, "
                        "Masego, Tshegofatso, Kamohelo"),
    family=_split("Mokoena, Molefe, Mofokeng, Motaung, Letsoalo, Moloi, Maleka, Modise, Mosia, "
                  "Mahlangu, Baloyi, Maluleke, Chauke, Ramokgopa, Seabi, Mashaba, Tau, Kekana, "
                  "Masilela, Sebola"),
    languages=("Sesotho", "Setswana", "English"))

AFRIKAANS = Culture(
    given_male=_split("Johannes, Pieter, Hendrik, Jacobus, Willem, Gert, Christo, Ruan, Riaan, Charl, "
                      "Marius, Francois, Jan, Ashwin, Clive, Ricardo, Mogamat, Shaun, Jerome, Brandon"),
    given_female=_split("Annelie, Marietjie, Elize, Liezel, Chantelle, Charmaine, Jolene, Natasha, "
                        "Carmen, Shireen, Ilse, Suné, Monique, Candice"),
    family=_split("van der Merwe, Botha, du Plessis, Pretorius, Coetzee, Nel, van Wyk, Jacobs, Fourie, "
                  "Adams, Hendricks, Isaacs, Petersen, Davids, Abrahams, Williams, Arendse, Fortuin, "
                  "Smit, Kruger, Venter, Steyn, Meyer, Swart, September, Februarie, Booysen, Jansen"),
    languages=("Afrikaans", "English"))

SHONA = Culture(
    given_male=_split("Tendai, Tafadzwa, Tatenda, Farai, Takudzwa, Kudakwashe, Tinashe, Blessing, "
                      "Simbarashe, Tawanda, Munyaradzi, Nyasha"),
    given_female=_split("Rutendo, Chipo, Tsitsi, Nyasha, Rumbidzai, Vimbai, Fadzai, Tariro, Chiedza, "
                        "Ruvimbo"),
    family=_split("Moyo, Ncube, Sibanda, Dube, Mpofu, Ndlovu, Chikwanha, Mutasa, Mhlanga, Marufu, "
                  "Gumbo, Mapfumo, Madzima, Zhou, Chinembiri, Muchena"),
    languages=("Shona", "English"))

HINDI = Culture(
    given_male=_split("Rajesh, Suresh, Ramesh, Amit, Sunil, Anil, Vijay, Sanjay, Rahul, Arjun, Deepak, "
                      "Manoj, Ravi, Ajay, Vikas, Pankaj, Rakesh, Mohan, Dinesh, Mukesh, Sonu, Pappu, "
                      "Ashok, Rohit, Sandeep, Naresh, Bablu, Ankit"),
    given_female=_split("Sunita, Anita, Pooja, Priya, Kavita, Neha, Rekha, Geeta, Savita, Meena, Radha, "
                        "Rani, Asha, Guddi, Kamla, Suman, Poonam, Seema, Usha, Pinki"),
    middle_male=_split("Kumar, Prasad, Lal, Chand"), middle_female=_split("Devi, Kumari"),
    middle_share=0.3,
    family=_split("Kumar, Singh, Sharma, Yadav, Verma, Gupta, Mishra, Chauhan, Pandey, Tiwari, Jha, "
                  "Paswan, Rajput, Thakur, Prasad, Chaudhary, Saini, Jatav, Meena, Rawat, Bhati, Negi, "
                  "Gautam, Kashyap, Nishad"),
    languages=("Hindi",))

INDIAN_MUSLIM = Culture(
    given_male=_split("Mohammad, Salim, Imran, Arif, Shahid, Irfan, Javed, Aslam, Naseem, Rizwan, "
                      "Sajid, Wasim, Zakir, Farhan, Sameer, Danish, Aamir, Nadeem"),
    given_female=_split("Shabnam, Nazia, Reshma, Rubina, Farzana, Shabana, Tabassum, Nargis, Rukhsana, "
                        "Sana, Afreen, Nasreen"),
    family=_split("Khan, Ansari, Qureshi, Siddiqui, Malik, Saifi, Shaikh, Ahmad, Hussain, Mirza, "
                  "Pathan, Alvi, Beg, Iqbal, Akhtar"),
    languages=("Urdu", "Hindi"))

MARATHI_MALE = _split(
    "Santosh, Sachin, Ganesh, Rahul, Mahesh, Sandeep, Nitin, Vikas, Amol, Sagar, Prashant, Dattatray, "
    "Sunil, Ravindra, Tushar, Yogesh, Akash, Vishal, Balasaheb, Dnyaneshwar")
MARATHI = Culture(
    given_male=MARATHI_MALE,
    given_female=_split("Savita, Sunita, Manisha, Archana, Vaishali, Swati, Priyanka, Jyoti, Shubhangi, "
                        "Rupali, Ashwini, Pallavi, Sangita, Vandana"),
    middle_male=MARATHI_MALE, middle_female=MARATHI_MALE, middle_share=0.8,
    family=_split("Patil, Jadhav, Shinde, Pawar, Kamble, More, Gaikwad, Deshmukh, Kale, Salunkhe, "
                  "Chavan, Kulkarni, Bhosale, Waghmare, Sonawane, Mane, Kadam, Thorat, Gawade, Londhe"),
    languages=("Marathi", "Hindi"))

TAMIL_MALE = _split(
    "Murugan, Selvam, Karthik, Senthil, Ravi, Suresh, Arun, Vignesh, Prakash, Saravanan, Manikandan, "
    "Rajendran, Balaji, Ganesan, Velu, Arumugam, Pandian, Dinesh, Ramesh, Muthu, Kannan, Sekar")
TAMIL = Culture(
    given_male=TAMIL_MALE,
    given_female=_split("Lakshmi, Meena, Priya, Kavitha, Revathi, Selvi, Malathi, Geetha, Saranya, "
                        "Divya, Anitha, Vasanthi, Jayanthi, Nandhini, Muthulakshmi"),
    family=TAMIL_MALE,
    languages=("Tamil",))

BENGALI = Culture(
    given_male=_split("Sourav, Arijit, Subhajit, Debashis, Partha, Amit, Rajib, Tapas, Biswajit, Sujoy, "
                      "Sanjib, Kartik, Gopal, Bapi, Raju, Prasenjit, Shyamal"),
    given_female=_split("Mousumi, Rina, Shampa, Soma, Tumpa, Puja, Rupa, Moumita, Jhuma, Mampi, Sraboni"),
    family=_split("Das, Ghosh, Mondal, Roy, Saha, Sarkar, Biswas, Dey, Mukherjee, Chatterjee, Banerjee, "
                  "Halder, Pal, Bag, Bera, Majumdar, Paul, Naskar, Sen, Dutta"),
    languages=("Bengali", "Hindi"))

BENGALI_MUSLIM = Culture(
    given_male=_split("Rafiqul, Abdul, Mizanur, Anwar, Jahangir, Sirajul, Mofizul, Nurul, Habibur, Samsul"),
    given_female=_split("Nasrin, Salma, Sabina, Rehena, Ayesha, Farida, Nazma, Rupsana"),
    middle_male=_split("Islam, Rahaman, Hoque, Alam"), middle_share=0.3,
    family=_split("Sheikh, Mollah, Rahaman, Hossain, Ali, Mondal, Laskar, Gazi, Sardar, Khan, Biswas"),
    languages=("Bengali",))

ENGLISH = Culture(
    given_male=_split("James, John, Michael, David, Daniel, Thomas, Ryan, Connor, Liam, Jack, Callum, "
                      "Jordan, Kieran, Lewis, Aaron, Jamie, Dean, Lee, Craig, Wayne, Mark, Paul, Darren, "
                      "Jason, Tyrone, Marcus, Kyle, Reece, Nathan, Ashley"),
    given_female=_split("Sarah, Emma, Laura, Jessica, Chloe, Sophie, Rebecca, Hannah, Amy, Lauren, "
                        "Kelly, Gemma, Stacey, Danielle, Natalie, Kerry, Leanne, Michelle, Shannon"),
    middle_male=_split("James, John, Paul, Michael, Anthony, Lee"),
    middle_female=_split("Louise, Marie, Jane, Elizabeth, Anne"),
    middle_share=0.25,
    family=_split("Smith, Jones, Williams, Taylor, Brown, Davies, Evans, Wilson, Thomas, Johnson, "
                  "Roberts, Walker, Wright, Robinson, Thompson, White, Hughes, Edwards, Green, Hall, "
                  "Wood, Harris, Clarke, Jackson, Turner, Hill, Moore, Cooper, Ward, Morris, King, Baker, "
                  "Murphy, O'Brien, Kelly, McCarthy, Campbell, Stewart, Lewis, Reid"),
    languages=("English",))

POLISH = Culture(
    given_male=_split("Piotr, Tomasz, Marcin, Krzysztof, Paweł, Dariusz, Łukasz, Michał, Kamil, Jakub"),
    given_female=_split("Anna, Katarzyna, Magdalena, Monika, Małgorzata, Agnieszka, Joanna"),
    family=_split("Nowak, Kowalski, Wiśniewski, Wójcik, Kamiński, Lewandowski, Zieliński, Szymański, "
                  "Woźniak, Dąbrowski"),
    family_female=_split("Nowak, Kowalska, Wiśniewska, Wójcik, Kamińska, Lewandowska, Zielińska, "
                         "Szymańska, Woźniak, Dąbrowska"),
    languages=("Polish", "English"))

ROMANIAN = Culture(
    given_male=_split("Andrei, Ionuț, Mihai, Florin, Adrian, Bogdan, Vasile, Gheorghe, Cătălin, Marius"),
    given_female=_split("Elena, Ioana, Andreea, Alina, Mihaela, Georgiana, Roxana"),
    family=_split("Popescu, Ionescu, Popa, Dumitru, Stan, Constantin, Munteanu, Rusu, Stoica, Lungu, "
                  "Matei, Ciobanu"),
    languages=("Romanian", "English"))

FILIPINO_FAMILY = _split(
    "dela Cruz, Santos, Reyes, Cruz, Bautista, Ocampo, Garcia, Mendoza, Torres, Tomas, Andrada, "
    "Castillo, Flores, Villanueva, Ramos, Castro, Rivera, Aquino, Navarro, Salazar, Mercado, Gonzales, "
    "Lopez, Aguilar, Dizon, Manalo, Pascual, Soriano, Macaraeg, Magbanua, Dimaculangan, Panganiban, "
    "Sison, Mangubat, Cabrera, de Guzman, Fernandez, Valdez")
FILIPINO = Culture(
    given_male=_split("Juan, Jose, Mark Anthony, John Paul, Jerome, Rodel, Romeo, Reynaldo, Ronaldo, "
                      "Jomar, Arnel, Edgar, Ricardo, Danilo, Rolando, Jayson, Jericho, Christian, Angelo, "
                      "Noel, Efren, Joel, Rommel, Alvin, Dennis, Mario, Jonathan, Ramil"),
    given_female=_split("Maria, Maria Cristina, Rowena, Marites, Lorna, Jennylyn, Rosalie, Analyn, "
                        "Girlie, Maricel, Jocelyn, Kristine, Princess, Joy, Rhea, Marilou, Lovely, "
                        "Mary Grace, Rosemarie"),
    middle_male=FILIPINO_FAMILY, middle_female=FILIPINO_FAMILY, middle_share=0.8,
    family=FILIPINO_FAMILY,
    languages=("Filipino", "English"))

MORO = Culture(
    given_male=_split("Abdulrahman, Norhan, Amer, Jamal, Alimudin, Faisal, Saidamen, Khalid, Mohammad, "
                      "Hassan, Nasser, Omar"),
    given_female=_split("Norhaya, Sittie, Jamila, Aisah, Noraida, Sahara, Johaira, Farida, Monera"),
    family=_split("Macarambon, Lucman, Sarip, Pangandaman, Disomangcop, Guro, Usman, Mangondato, "
                  "Tomawis, Marohom, Sultan, Abdullah, Ampaso, Dimakuta"),
    languages=("Maranao", "Filipino"))

FRENCH = Culture(
    given_male=_split("Jean-Baptiste, Jean-Pierre, Jean-Claude, Emmanuel, Olivier, Théophile, Désiré, "
                      "Célestin, Innocent, Félicien, Augustin, Benoît, Jérôme, Gaël, Éric, Étienne, "
                      "Joël, Aimé, Thierry, Patrice, Didier, Fidèle"),
    given_female=_split("Aimée, Béatrice, Chantal, Claudine, Espérance, Immaculée, Joséphine, "
                        "Marie-Claire, Solange, Thérèse, Véronique, Yvette, Clémentine, Angélique, "
                        "Pélagie, Françoise, Gisèle, Noëlla, Mireille"),
    family=_split("Habimana, Niyonzima, Uwimana, Mukamana, Nshimiyimana, Hakizimana, Ndayishimiye, "
                  "Nkurunziza, Bizimana, Mbuyi, Kabongo, Ilunga, Tshibangu, Mukendi, Kasongo, Mbarga, "
                  "Fotso, Tchoumi, Kouassi, Konan, Traoré, Diallo, Camara, Lefèvre, Dubois, Moreau, "
                  "Ntakirutimana, Irakoze, Ndikumana, Kalala"),
    languages=("French", "Kinyarwanda", "Kirundi", "Lingala", "Swahili"))

SOMALI_MALE = _split(
    "Mohamed, Abdi, Ahmed, Hassan, Abdirahman, Abdullahi, Farah, Yusuf, Ali, Omar, Abdiweli, Mahad, "
    "Ibrahim, Hussein, Osman, Jama, Aden, Mohamud, Ismail, Bashir, Abdikadir, Guled")
SOMALI = Culture(
    given_male=SOMALI_MALE,
    given_female=_split("Fadumo, Halima, Hodan, Amina, Sahra, Ayaan, Ifrah, Hibo, Deeqa, Nimco, Ubah, "
                        "Khadra, Maryan, Sagal, Asha"),
    middle_male=SOMALI_MALE, middle_female=SOMALI_MALE, middle_share=0.9,
    family=_split("Abdi, Ahmed, Ali, Farah, Hussein, Warsame, Osman, Jama, Aden, Mohamud, Hirsi, "
                  "Duale, Guled, Yusuf, Ismail, Elmi, Nur, Dahir, Gedi, Abdille"),
    languages=("Somali", "Swahili", "Arabic"))

# Arabic script, each name with the Latin spelling a register would carry beside it.
_ARABIC_MALE = (
    ("محمد", "Mohamed"), ("أحمد", "Ahmed"), ("عبد الله", "Abdalla"), ("عمر", "Omer"), ("علي", "Ali"),
    ("حسن", "Hassan"), ("حسين", "Hussein"), ("إبراهيم", "Ibrahim"), ("يوسف", "Yousif"),
    ("خالد", "Khalid"), ("مصطفى", "Mustafa"), ("عثمان", "Osman"), ("آدم", "Adam"), ("موسى", "Musa"),
    ("عيسى", "Issa"), ("صالح", "Salih"), ("سليمان", "Suleiman"), ("إسماعيل", "Ismail"),
    ("يعقوب", "Yagoub"), ("حامد", "Hamid"), ("بشير", "Bashir"), ("عبد الرحمن", "Abdelrahman"),
    ("عبد الكريم", "Abdelkarim"), ("جمال", "Gamal"), ("طارق", "Tariq"), ("مالك", "Malik"),
    ("إدريس", "Idris"), ("هارون", "Haroun"), ("الطاهر", "Eltahir"), ("نصر الدين", "Nasreldin"),
)
_ARABIC_FEMALE = (
    ("فاطمة", "Fatima"), ("عائشة", "Aisha"), ("مريم", "Mariam"), ("زينب", "Zeinab"),
    ("خديجة", "Khadija"), ("آمنة", "Amna"), ("حليمة", "Halima"), ("سعاد", "Suad"), ("نور", "Nour"),
    ("هدى", "Huda"), ("رقية", "Ruqaya"), ("سلمى", "Salma"), ("أسماء", "Asma"), ("ليلى", "Layla"),
    ("هالة", "Hala"), ("سارة", "Sara"), ("إيمان", "Iman"), ("نجلاء", "Najla"), ("سمية", "Sumaya"),
    ("حواء", "Hawa"),
)
_ARABIC_FAMILY = (
    ("الحسن", "Elhassan"), ("عبد الله", "Abdalla"), ("آدم", "Adam"), ("إدريس", "Idris"),
    ("الأمين", "Elamin"), ("الطيب", "Eltayeb"), ("النور", "Elnour"), ("البشير", "Elbashir"),
    ("بابكر", "Babiker"), ("الفاضل", "Elfadil"), ("الصادق", "Elsadig"), ("حامد", "Hamid"),
    ("جبريل", "Gibril"), ("عثمان", "Osman"), ("يوسف", "Yousif"), ("موسى", "Musa"),
    ("إبراهيم", "Ibrahim"), ("علي", "Ali"), ("عمر", "Omer"), ("محمود", "Mahmoud"),
    ("سليمان", "Suleiman"), ("الزين", "Elzein"), ("خليل", "Khalil"), ("الحاج", "Elhaj"),
    ("عبد الرحيم", "Abdelrahim"), ("الشريف", "Elsharif"), ("المهدي", "Elmahdi"), ("حسين", "Hussein"),
    ("صالح", "Salih"), ("عوض", "Awad"), ("مختار", "Mukhtar"), ("نصر", "Nasr"),
)
ARABIC = Culture(
    given_male=tuple(a for a, _ in _ARABIC_MALE),
    given_female=tuple(a for a, _ in _ARABIC_FEMALE),
    middle_male=tuple(a for a, _ in _ARABIC_MALE),
    middle_female=tuple(a for a, _ in _ARABIC_MALE),
    middle_share=0.6,
    family=tuple(a for a, _ in _ARABIC_FAMILY),
    translit=dict(_ARABIC_MALE + _ARABIC_FEMALE + _ARABIC_FAMILY),
    languages=("Arabic", "English"))

CULTURES: dict[str, Culture] = {
    "kikuyu": KIKUYU, "luo": LUO, "luhya": LUHYA, "kalenjin": KALENJIN, "kamba": KAMBA,
    "swahili": SWAHILI, "ganda": GANDA, "nkole": NKOLE, "acholi": ACHOLI, "chewa": CHEWA,
    "yoruba": YORUBA, "igbo": IGBO, "hausa": HAUSA, "zulu": ZULU, "xhosa": XHOSA, "sotho": SOTHO,
    "afrikaans": AFRIKAANS, "shona": SHONA, "hindi": HINDI, "indian_muslim": INDIAN_MUSLIM,
    "marathi": MARATHI, "tamil": TAMIL, "bengali": BENGALI, "bengali_muslim": BENGALI_MUSLIM,
    "english": ENGLISH,
    "polish": POLISH, "romanian": ROMANIAN, "filipino": FILIPINO, "moro": MORO, "french": FRENCH,
    "somali": SOMALI, "arabic": ARABIC,
}

# Relatives named as emergency contacts and carers of children.
RELATIONS = ("Mother", "Father", "Brother", "Sister", "Wife", "Husband", "Uncle", "Aunt", "Cousin",
             "Grandmother", "Son", "Daughter", "Friend", "Neighbour", "Pastor", "Imam")
